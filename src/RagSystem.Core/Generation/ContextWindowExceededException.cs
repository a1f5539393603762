namespace RagSystem.Generation;

/// <summary>The prompt does not fit the model's context window (no room is left for even one generated token).
/// Shorten the prompt (fewer retrieved chunks) or use a model with a longer context.</summary>
public sealed class ContextWindowExceededException : RagException
{
    /// <summary>Creates the exception.</summary>
    public ContextWindowExceededException(int promptTokens, int contextLength)
        : base(RagErrorKind.InvalidInput, $"The prompt has {promptTokens} tokens but the model's context window is {contextLength}; " +
               "shorten the prompt (for example retrieve fewer chunks) so that room is left for the answer.")
    {
        PromptTokens = promptTokens;
        ContextLength = contextLength;
    }

    /// <summary>Tokens in the rendered prompt.</summary>
    public int PromptTokens { get; }

    /// <summary>The context window in tokens.</summary>
    public int ContextLength { get; }
}
