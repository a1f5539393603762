namespace RagSystem.Storage;

/// <summary>A search hit: the chunk, its document's relative path, and a score (higher is better).</summary>
/// <param name="Chunk">The chunk; its vector only when the request asked for it.</param>
/// <param name="DocumentPath">Its document's path relative to the ingested root.</param>
/// <param name="Score">The side's score (BM25-like or cosine) in a single-side search; the fused RRF score in a hybrid one.</param>
/// <param name="LexicalScore">In a hybrid search, the lexical side's score when the store knows it; null otherwise.</param>
/// <param name="DenseScore">In a hybrid search, the cosine similarity when the store knows it; null otherwise.</param>
public sealed record ScoredChunk(ChunkRecord Chunk, string DocumentPath, double Score, double? LexicalScore = null, double? DenseScore = null);
