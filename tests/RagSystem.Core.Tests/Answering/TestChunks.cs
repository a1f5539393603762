using RagSystem.Retrieval;
using RagSystem.Storage;

namespace RagSystem.Core.Tests.Answering;

/// <summary>Builds retrieved chunks for answering tests.</summary>
internal static class TestChunks
{
    public static RetrievedChunk Make(string path, string text, int? page = null, double score = 1.0, int ordinal = 0,
        IReadOnlyList<string>? headings = null, double? rerank = null) =>
        new(new ChunkRecord(DocumentIds.ChunkId(DocumentIds.ForPath(path), "hash", ordinal), DocumentIds.ForPath(path), ordinal,
            text, text.Split(' ').Length, page, page, headings ?? [], 0, text.Length, null, null),
            path, score, LexicalScore: score, RerankScore: rerank);

    /// <summary>A small corpus about three unrelated topics.</summary>
    public static IReadOnlyList<RetrievedChunk> Corpus() =>
    [
        Make("guides/kv-cache.md", "The KV cache stores the attention keys and values of earlier tokens. Reusing the cache avoids recomputing attention over the whole prefix at every decoding step. Its memory grows linearly with the sequence length.", headings: ["Decoding", "KV cache"]),
        Make("papers/tokenization.pdf", "Byte-pair encoding builds a vocabulary by merging the most frequent pair of symbols. Tokenizers such as GPT-2 operate on bytes, so any text can be encoded.", page: 4, ordinal: 1),
        Make("notes/gardening.txt", "Tomatoes need six to eight hours of sunlight a day. Water them deeply twice a week in summer.", ordinal: 2),
        Make("papers/attention.pdf", "Multi-head attention lets the model attend to different positions in parallel. Each head projects queries, keys and values into a smaller subspace.", page: 7, ordinal: 3),
    ];
}
