namespace RagSystem.Chunking;

/// <summary>Measures text in the units the chunker budgets: model tokens, or words without a model.</summary>
public interface ITokenCounter
{
    /// <summary>A name for reports, such as the tokenizer's model or <c>words</c>.</summary>
    string Name { get; }

    /// <summary>Counts the tokens in <paramref name="text"/>, without special tokens.</summary>
    int CountTokens(ReadOnlySpan<char> text);
}
