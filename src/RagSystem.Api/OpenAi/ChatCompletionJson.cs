using RagSystem.Answering;

namespace RagSystem.Api.OpenAi;

/// <summary>An OpenAI <c>chat.completion</c> (or <c>chat.completion.chunk</c> when streamed), with our citations as an
/// extra top-level field that OpenAI clients ignore and RAG-aware clients read.</summary>
/// <param name="Id">chatcmpl-…</param>
/// <param name="Object"><c>chat.completion</c> or <c>chat.completion.chunk</c>.</param>
/// <param name="Created">Unix seconds.</param>
/// <param name="Model">The model name reported.</param>
/// <param name="Choices">One choice.</param>
/// <param name="Citations">The passages the answer cites (the last chunk carries them when streamed).</param>
public sealed record ChatCompletionJson(string Id, string Object, long Created, string Model, IReadOnlyList<ChatChoiceJson> Choices,
    IReadOnlyList<CitationJson>? Citations);

/// <summary>One choice: <see cref="Message"/> when complete, <see cref="Delta"/> when streamed.</summary>
/// <param name="Index">Always 0.</param>
/// <param name="Message">The whole answer.</param>
/// <param name="Delta">The next piece of a streamed answer.</param>
/// <param name="FinishReason"><c>stop</c> on the last chunk, else null.</param>
public sealed record ChatChoiceJson(int Index, ChatMessageOutJson? Message, ChatMessageOutJson? Delta, string? FinishReason);

/// <summary>An assistant message or delta.</summary>
/// <param name="Role"><c>assistant</c> (only on the first delta when streamed).</param>
/// <param name="Content">The text.</param>
public sealed record ChatMessageOutJson(string? Role, string? Content);
