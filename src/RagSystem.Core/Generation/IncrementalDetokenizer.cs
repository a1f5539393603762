using RagSystem.Tokenization;

namespace RagSystem.Generation;

/// <summary>Turns generated token ids into text as they arrive without ever emitting half a character. It decodes
/// the reply so far into a reused buffer and emits only the new suffix; a trailing U+FFFD (an incomplete UTF-8
/// sequence from byte-level or byte-fallback tokens) or a lone high surrogate is held back until a later token
/// completes it.</summary>
/// <remarks>Decoding the whole reply, rather than a window of recent tokens, is what makes the result equal to a
/// one-shot decode: SentencePiece decoders drop the leading space of the first token, and a window that starts at a
/// bare "▁" would lose a real space. Decoding is linear in the reply length and cheap next to a model step.</remarks>
public sealed class IncrementalDetokenizer
{
    private readonly DecoderTokenizer _tokenizer;
    private readonly List<int> _ids = [];
    private char[] _buffer = new char[256];
    private char[] _emitted = new char[256];
    private int _emittedLength;

    /// <summary>Creates a detokenizer for one reply.</summary>
    public IncrementalDetokenizer(DecoderTokenizer tokenizer) => _tokenizer = tokenizer;

    /// <summary>Adds a token and returns the text that became final (possibly empty). Special tokens add nothing.</summary>
    public string Push(int tokenId)
    {
        if (_tokenizer.IsSpecial(tokenId)) return string.Empty;
        _ids.Add(tokenId);
        return Emit(final: false);
    }

    /// <summary>Returns whatever is still held back (at the end of the reply).</summary>
    public string Flush() => Emit(final: true);

    private int DecodeIntoBuffer()
    {
        while (true)
        {
            var status = _tokenizer.Decode(_ids, _buffer, out var written);
            if (status == System.Buffers.OperationStatus.Done) return written;
            if (status == System.Buffers.OperationStatus.DestinationTooSmall && _buffer.Length < 64 * 1024 * 1024)
            {
                _buffer = new char[_buffer.Length * 2];
                continue;
            }
            // Invalid UTF-8 (a model can emit any byte token): the string decoder substitutes U+FFFD for it.
            var text = _tokenizer.Decode(_ids);
            if (_buffer.Length < text.Length) _buffer = new char[Math.Max(text.Length, _buffer.Length * 2)];
            text.CopyTo(_buffer);
            return text.Length;
        }
    }

    private string Emit(bool final)
    {
        var written = DecodeIntoBuffer();
        var text = _buffer.AsSpan(0, written);
        if (!final && written > 0 && (text[^1] == '\uFFFD' || char.IsHighSurrogate(text[^1]))) return string.Empty;
        // Emit only when the decoded text still extends what was emitted; a later token can (rarely) rewrite the tail.
        if (written <= _emittedLength || !text[.._emittedLength].SequenceEqual(_emitted.AsSpan(0, _emittedLength)))
            return string.Empty;
        var fresh = new string(text[_emittedLength..]);
        if (_emitted.Length < written) Array.Resize(ref _emitted, Math.Max(written, _emitted.Length * 2));
        text.CopyTo(_emitted);
        _emittedLength = written;
        return fresh;
    }
}
