using RagSystem.Tokenization;

namespace RagSystem.Generation;

/// <summary>Turns generated token ids into text as they arrive without ever emitting half a character: it decodes a
/// short window of recent ids and emits only the suffix that is new and stable. A trailing U+FFFD (an incomplete UTF-8
/// sequence from byte-level or byte-fallback tokens) is held back until the next token completes it.</summary>
/// <remarks>Decoding the window twice (with and without the newest tokens) from the same start token makes tokenizer
/// quirks that depend on the first token (SentencePiece drops its leading space) cancel out.</remarks>
public sealed class IncrementalDetokenizer
{
    private readonly DecoderTokenizer _tokenizer;
    private readonly List<int> _ids = [];
    private int _prefixOffset;
    private int _readOffset;

    /// <summary>Creates a detokenizer for one reply.</summary>
    public IncrementalDetokenizer(DecoderTokenizer tokenizer) => _tokenizer = tokenizer;

    /// <summary>Adds a token and returns the text that became final (possibly empty).</summary>
    public string Push(int tokenId)
    {
        if (_tokenizer.IsSpecial(tokenId)) return string.Empty;
        _ids.Add(tokenId);
        var prefixText = _tokenizer.Decode(Window(_prefixOffset, _readOffset));
        var fullText = _tokenizer.Decode(Window(_prefixOffset, _ids.Count));
        if (fullText.Length <= prefixText.Length || fullText[^1] == '\uFFFD'
            || !fullText.StartsWith(prefixText, StringComparison.Ordinal))
            return string.Empty;
        _prefixOffset = _readOffset;
        _readOffset = _ids.Count;
        return fullText[prefixText.Length..];
    }

    /// <summary>Returns whatever is still held back (at the end of the reply).</summary>
    public string Flush()
    {
        var prefixText = _tokenizer.Decode(Window(_prefixOffset, _readOffset));
        var fullText = _tokenizer.Decode(Window(_prefixOffset, _ids.Count));
        _prefixOffset = _readOffset = _ids.Count;
        return fullText.Length > prefixText.Length && fullText.StartsWith(prefixText, StringComparison.Ordinal)
            ? fullText[prefixText.Length..] : string.Empty;
    }

    private IEnumerable<int> Window(int from, int to)
    {
        for (var i = from; i < to; i++) yield return _ids[i];
    }
}
