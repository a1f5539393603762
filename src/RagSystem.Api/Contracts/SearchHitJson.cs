using RagSystem.Answering;
using RagSystem.Retrieval;

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
    string? Heading, double Score, double? Lexical, double? Dense, double? Rerank)
{
    /// <summary>The printed label of the first page (<c>iv</c>, <c>15</c>) when the document declares or prints one; null
    /// otherwise. The same field as a citation's <c>page_label</c>.</summary>
    public string? PageLabel { get; init; }

    /// <summary>Whether the chunk's text was read by OCR from a scan.</summary>
    public bool Ocr { get; init; }

    /// <summary>The mean OCR confidence (0 to 1, four decimals) when <see cref="Ocr"/>; null otherwise.</summary>
    public double? OcrConfidence { get; init; }

    /// <summary>Maps a retrieved chunk, ranked <paramref name="rank"/>, with the same provenance fields as a citation.</summary>
    public static SearchHitJson From(int rank, RetrievedChunk hit)
    {
        var chunk = hit.Chunk;
        return new SearchHitJson(rank, chunk.Id, chunk.DocumentId, hit.DocumentPath, chunk.Text, chunk.PageStart, chunk.PageEnd,
            ProvenanceJson.Heading(chunk.HeadingPath), hit.Score, hit.LexicalScore, hit.DenseScore, hit.RerankScore)
        {
            PageLabel = chunk.PageLabel,
            Ocr = ProvenanceJson.Ocr(chunk.OcrConfidence),
            OcrConfidence = ProvenanceJson.OcrConfidence(chunk.OcrConfidence),
        };
    }
}
