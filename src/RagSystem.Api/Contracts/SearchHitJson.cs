namespace RagSystem.Api.Contracts;

/// <summary>One scored chunk of a search.</summary>
/// <param name="Rank">1 for the best.</param>
/// <param name="ChunkId">The chunk's id.</param>
/// <param name="DocumentId">Its document's id.</param>
/// <param name="Source">The document's relative path.</param>
/// <param name="Text">The chunk text.</param>
/// <param name="Page">First page, or null.</param>
/// <param name="PageEnd">Last page, or null.</param>
/// <param name="Heading">Heading path joined with " &gt; ", or null.</param>
/// <param name="Score">Final ranking score (higher is better).</param>
/// <param name="Lexical">BM25 score, or null.</param>
/// <param name="Dense">Cosine similarity, or null.</param>
/// <param name="Rerank">Reranker score, or null.</param>
public sealed record SearchHitJson(int Rank, Guid ChunkId, string DocumentId, string Source, string Text, int? Page, int? PageEnd,
    string? Heading, double Score, double? Lexical, double? Dense, double? Rerank);
