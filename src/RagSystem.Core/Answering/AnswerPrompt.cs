namespace RagSystem.Answering;

/// <summary>The rendered prompt for one question.</summary>
/// <param name="System">The system message.</param>
/// <param name="User">The user message with the numbered passages and the question.</param>
/// <param name="Passages">The passages in the prompt, numbered from 1 in rank order.</param>
/// <param name="PromptTokens">Tokens of both messages plus the chat template's overhead.</param>
/// <param name="MaxAnswerTokens">Tokens left for the answer (the model's output cap).</param>
/// <param name="DroppedPassages">Retrieved passages left out because they did not fit the budget.</param>
public sealed record AnswerPrompt(
    string System,
    string User,
    IReadOnlyList<PromptPassage> Passages,
    int PromptTokens,
    int MaxAnswerTokens,
    int DroppedPassages);
