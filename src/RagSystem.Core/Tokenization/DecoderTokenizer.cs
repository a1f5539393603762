using Microsoft.ML.Tokenizers;
using RagSystem.Chunking;

namespace RagSystem.Tokenization;

/// <summary>A decoder model's tokenizer: encodes rendered prompts (special tokens such as <c>&lt;|im_start|&gt;</c> or
/// <c>&lt;s&gt;</c> in the text map to their single ids) and decodes generated ids, optionally skipping special tokens.</summary>
public sealed class DecoderTokenizer : ITokenCounter
{
    private readonly HashSet<int> _specialIds;

    /// <summary>Wraps a loaded Microsoft.ML.Tokenizers tokenizer.</summary>
    /// <param name="inner">The tokenizer; it must already split on <paramref name="addedTokens"/>.</param>
    /// <param name="name">A name for reports (the model folder or tokenizer kind).</param>
    /// <param name="addedTokens">Added tokens by text (special and non-special).</param>
    /// <param name="specialIds">Ids of tokens marked special (skipped when decoding with <c>skipSpecialTokens</c>).</param>
    /// <param name="bosTokenId">Beginning-of-sequence id, when the tokenizer has one.</param>
    /// <param name="eosTokenId">End-of-sequence id, when the tokenizer has one.</param>
    public DecoderTokenizer(Tokenizer inner, string name, IReadOnlyDictionary<string, int> addedTokens,
        IEnumerable<int> specialIds, int? bosTokenId, int? eosTokenId)
    {
        Inner = inner;
        Name = name;
        AddedTokens = addedTokens;
        _specialIds = [.. specialIds];
        BosTokenId = bosTokenId;
        EosTokenId = eosTokenId;
    }

    /// <summary>The underlying Microsoft.ML.Tokenizers tokenizer.</summary>
    public Tokenizer Inner { get; }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>Added tokens (special and non-special) by their text.</summary>
    public IReadOnlyDictionary<string, int> AddedTokens { get; }

    /// <summary>Beginning-of-sequence token id, or null.</summary>
    public int? BosTokenId { get; }

    /// <summary>End-of-sequence token id, or null.</summary>
    public int? EosTokenId { get; }

    /// <summary>True when <paramref name="id"/> is a special token (skipped by <see cref="Decode(IEnumerable{int}, bool)"/> by default).</summary>
    public bool IsSpecial(int id) => _specialIds.Contains(id);

    /// <summary>The id of an exact token text (vocabulary entry or added token), or null.</summary>
    public int? TokenToId(string token)
    {
        if (AddedTokens.TryGetValue(token, out var id)) return id;
        return Inner switch
        {
            BpeTokenizer bpe => bpe.Vocabulary.TryGetValue(token, out var v) ? v : null,
            SentencePieceTokenizer sp => sp.Vocabulary.TryGetValue(token, out var v) ? v : null,
            _ => null,
        };
    }

    /// <summary>Encodes text as written: no BOS is added (chat templates write it themselves).
    /// Special-token text inside <paramref name="text"/> becomes the token's single id.</summary>
    public IReadOnlyList<int> Encode(string text) => Inner.EncodeToIds(text);

    /// <summary>Decodes ids to text; special tokens are left out when <paramref name="skipSpecialTokens"/> is true.</summary>
    public string Decode(IEnumerable<int> ids, bool skipSpecialTokens = true)
    {
        var filtered = skipSpecialTokens ? ids.Where(id => !_specialIds.Contains(id)) : ids;
        // Special ids were filtered above; the rest (including non-special added tokens) must decode as text.
        return Inner switch
        {
            BpeTokenizer bpe => bpe.Decode(filtered, considerSpecialTokens: true),
            SentencePieceTokenizer sp => sp.Decode(filtered, considerSpecialTokens: true),
            _ => Inner.Decode(filtered),
        } ?? string.Empty;
    }

    /// <summary>Decodes <paramref name="ids"/> (special tokens included as text, so filter them first) into
    /// <paramref name="destination"/> without allocating a string.</summary>
    /// <returns><see cref="System.Buffers.OperationStatus.Done"/>, <c>DestinationTooSmall</c>, or <c>InvalidData</c> when the
    /// ids spell invalid UTF-8 (the string-returning <see cref="Decode(IEnumerable{int}, bool)"/> then substitutes U+FFFD).</returns>
    public System.Buffers.OperationStatus Decode(IEnumerable<int> ids, Span<char> destination, out int charsWritten) => Inner switch
    {
        BpeTokenizer bpe => bpe.Decode(ids, destination, considerSpecialTokens: true, out _, out charsWritten),
        SentencePieceTokenizer sp => sp.Decode(ids, destination, considerSpecialTokens: true, out _, out charsWritten),
        _ => Inner.Decode(ids, destination, out _, out charsWritten),
    };

    /// <inheritdoc />
    public int CountTokens(ReadOnlySpan<char> text) => Inner.CountTokens(text);
}
