using RagSystem.Chunking;

namespace RagSystem.Answering;

/// <summary>Estimates tokens from characters when the generator's tokenizer is not at hand. English prose
/// averages about 4 characters per BPE token; code, numbers and non-Latin scripts take more tokens, so the estimate
/// divides by <see cref="CharactersPerToken"/> = 3 and rounds up, erring towards a prompt that fits.</summary>
public sealed class CharacterEstimateTokenCounter : ITokenCounter
{
    /// <summary>Characters counted as one token.</summary>
    public const double CharactersPerToken = 3.0;

    /// <summary>The shared instance.</summary>
    public static CharacterEstimateTokenCounter Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "chars/3 estimate";

    /// <inheritdoc />
    public int CountTokens(ReadOnlySpan<char> text) => (int)Math.Ceiling(text.Length / CharactersPerToken);
}
