using Google.Protobuf;

namespace RagSystem.Tokenization;

/// <summary>Writes a SentencePiece <c>ModelProto</c> (BPE, byte fallback) from a Hugging Face <c>tokenizer.json</c>'s
/// vocabulary and merges, so that <see cref="Microsoft.ML.Tokenizers.LlamaTokenizer"/> can run it.</summary>
/// <remarks>SentencePiece BPE merges the adjacent pair whose joined piece has the highest score. Scoring each piece by
/// minus the rank of the merge that produces it reproduces the merge order of the Hugging Face BPE model, which is how
/// the Llama-2 / Phi-3 <c>tokenizer.json</c> files were converted from <c>tokenizer.model</c> in the first place.</remarks>
internal static class SentencePieceModelWriter
{
    private const int PieceNormal = 1, PieceUnknown = 2, PieceControl = 3, PieceUserDefined = 4, PieceByte = 6;
    private const int ModelTypeBpe = 2;

    /// <summary>Serialises the model.</summary>
    /// <param name="vocabulary">Piece to id; ids must be dense from 0.</param>
    /// <param name="merges">Merge pairs in rank order.</param>
    /// <param name="controlIds">Ids of control tokens (such as &lt;s&gt;, &lt;/s&gt;).</param>
    /// <param name="userDefinedIds">Ids of non-special added tokens.</param>
    /// <param name="unkId">Unknown token id, or -1.</param>
    /// <param name="bosId">BOS id, or -1.</param>
    /// <param name="eosId">EOS id, or -1.</param>
    /// <param name="addDummyPrefix">Whether the normalizer prepends U+2581.</param>
    public static byte[] Write(IReadOnlyDictionary<string, int> vocabulary, IReadOnlyList<(string Left, string Right)> merges,
        IReadOnlySet<int> controlIds, IReadOnlySet<int> userDefinedIds, int unkId, int bosId, int eosId, bool addDummyPrefix)
    {
        var pieces = new string[vocabulary.Count];
        foreach (var (piece, id) in vocabulary)
        {
            if (id < 0 || id >= pieces.Length)
                throw new TokenizerLoadException($"tokenizer.json vocabulary ids are not dense (id {id} for {vocabulary.Count} entries).");
            pieces[id] = piece;
        }

        var scores = new float[pieces.Length];
        Array.Fill(scores, float.NaN);
        for (var rank = 0; rank < merges.Count; rank++)
        {
            if (vocabulary.TryGetValue(merges[rank].Left + merges[rank].Right, out var merged) && float.IsNaN(scores[merged]))
                scores[merged] = -rank;
        }

        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        for (var id = 0; id < pieces.Length; id++)
        {
            var piece = pieces[id] ?? throw new TokenizerLoadException($"tokenizer.json has no vocabulary entry for id {id}.");
            var type = id == unkId ? PieceUnknown
                : controlIds.Contains(id) ? PieceControl
                : userDefinedIds.Contains(id) ? PieceUserDefined
                : IsByteToken(piece) ? PieceByte
                : PieceNormal;
            // Single characters and byte pieces are never the product of a merge: score 0 keeps them usable, and
            // SentencePiece only consults scores for pieces that a merge can produce.
            var score = float.IsNaN(scores[id]) ? 0f : scores[id];
            output.WriteTag(1, WireFormat.WireType.LengthDelimited);
            output.WriteBytes(Nested(o =>
            {
                o.WriteTag(1, WireFormat.WireType.LengthDelimited); o.WriteString(piece);
                o.WriteTag(2, WireFormat.WireType.Fixed32); o.WriteFloat(score);
                o.WriteTag(3, WireFormat.WireType.Varint); o.WriteInt32(type);
            }));
        }

        output.WriteTag(2, WireFormat.WireType.LengthDelimited); // trainer_spec
        output.WriteBytes(Nested(o =>
        {
            o.WriteTag(3, WireFormat.WireType.Varint); o.WriteInt32(ModelTypeBpe);
            o.WriteTag(4, WireFormat.WireType.Varint); o.WriteInt32(pieces.Length);
            o.WriteTag(35, WireFormat.WireType.Varint); o.WriteBool(true); // byte_fallback
            o.WriteTag(40, WireFormat.WireType.Varint); o.WriteInt32(unkId);
            o.WriteTag(41, WireFormat.WireType.Varint); o.WriteInt32(bosId);
            o.WriteTag(42, WireFormat.WireType.Varint); o.WriteInt32(eosId);
            o.WriteTag(43, WireFormat.WireType.Varint); o.WriteInt32(-1);
        }));

        output.WriteTag(3, WireFormat.WireType.LengthDelimited); // normalizer_spec
        output.WriteBytes(Nested(o =>
        {
            o.WriteTag(1, WireFormat.WireType.LengthDelimited); o.WriteString("identity");
            o.WriteTag(3, WireFormat.WireType.Varint); o.WriteBool(addDummyPrefix);
            o.WriteTag(4, WireFormat.WireType.Varint); o.WriteBool(false); // keep whitespace exactly (lossless)
            o.WriteTag(5, WireFormat.WireType.Varint); o.WriteBool(true);
        }));
        output.Flush();
        return buffer.ToArray();
    }

    private static ByteString Nested(Action<CodedOutputStream> write)
    {
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        write(output);
        output.Flush();
        return ByteString.CopyFrom(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static bool IsByteToken(string piece) =>
        piece.Length == 6 && piece.StartsWith("<0x", StringComparison.Ordinal) && piece[5] == '>';
}
