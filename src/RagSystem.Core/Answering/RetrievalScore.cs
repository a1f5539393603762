namespace RagSystem.Answering;

/// <summary>The evidence for one retrieved passage, reported with the answer.</summary>
/// <param name="Number">Its number in the prompt, or null when it was not given to the model (budget or mode).</param>
/// <param name="ChunkId">The chunk's id.</param>
/// <param name="Source">The document's path relative to the ingested root.</param>
/// <param name="Score">The final ranking score (fused, or reranker score).</param>
/// <param name="LexicalScore">BM25 score when the lexical side found it.</param>
/// <param name="DenseScore">Cosine similarity when the dense side found it.</param>
/// <param name="RerankScore">Cross-encoder score when reranked.</param>
/// <param name="Coverage">Share of the question's content words found in the passage (see <see cref="EvidenceScorer"/>).</param>
public sealed record RetrievalScore(
    int? Number,
    Guid ChunkId,
    string Source,
    double Score,
    double? LexicalScore,
    double? DenseScore,
    double? RerankScore,
    double Coverage);
