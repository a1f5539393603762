using RagSystem.Storage;

namespace RagSystem.Retrieval;

/// <summary>A chunk chosen by a retriever, with the evidence for its rank.</summary>
/// <param name="Chunk">The stored chunk.</param>
/// <param name="DocumentPath">Path of its document relative to the ingested root.</param>
/// <param name="Score">Final score used for ranking (fused, or reranker score when reranked). Higher is better.</param>
/// <param name="LexicalScore">BM25 score when the lexical side found it; null otherwise.</param>
/// <param name="DenseScore">Cosine similarity when the dense side found it; null otherwise.</param>
/// <param name="RerankScore">Cross-encoder score when reranked; null otherwise.</param>
public sealed record RetrievedChunk(
    ChunkRecord Chunk,
    string DocumentPath,
    double Score,
    double? LexicalScore = null,
    double? DenseScore = null,
    double? RerankScore = null);
