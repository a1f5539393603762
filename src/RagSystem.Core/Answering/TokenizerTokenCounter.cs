using Microsoft.ML.Tokenizers;
using RagSystem.Chunking;

namespace RagSystem.Answering;

/// <summary>Counts tokens with a Microsoft.ML.Tokenizers tokenizer (the generator's, when a chat client exposes it).</summary>
public sealed class TokenizerTokenCounter(Tokenizer tokenizer, string name) : ITokenCounter
{
    /// <inheritdoc />
    public string Name { get; } = name;

    /// <inheritdoc />
    public int CountTokens(ReadOnlySpan<char> text) => tokenizer.CountTokens(text);
}
