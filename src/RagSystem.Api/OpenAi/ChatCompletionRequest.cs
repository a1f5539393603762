using System.Text.Json;

namespace RagSystem.Api.OpenAi;

/// <summary>The part of an OpenAI chat-completions request this service reads; other fields are accepted and ignored.</summary>
/// <param name="Model">The model asked for; any value is answered by the RAG pipeline.</param>
/// <param name="Messages">The conversation; the last user message is the question.</param>
/// <param name="Stream">True for server-sent chunks ending with <c>data: [DONE]</c>.</param>
/// <param name="MaxTokens">Answer length cap (legacy name).</param>
/// <param name="MaxCompletionTokens">Answer length cap.</param>
public sealed record ChatCompletionRequest(string? Model, IReadOnlyList<ChatMessageJson> Messages, bool? Stream = null, int? MaxTokens = null,
    int? MaxCompletionTokens = null);

/// <summary>One message of a chat-completions request.</summary>
/// <param name="Role">system, user, assistant, …</param>
/// <param name="Content">A string, or an array of parts whose <c>text</c> parts are joined.</param>
public sealed record ChatMessageJson(string Role, JsonElement Content)
{
    /// <summary>The message's text.</summary>
    public string Text => Content.ValueKind switch
    {
        JsonValueKind.String => Content.GetString() ?? "",
        JsonValueKind.Array => string.Join("\n", Content.EnumerateArray()
            .Where(p => p.ValueKind == JsonValueKind.Object && p.TryGetProperty("text", out _))
            .Select(p => p.GetProperty("text").GetString())),
        _ => "",
    };
}
