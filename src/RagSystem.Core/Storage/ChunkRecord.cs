namespace RagSystem.Storage;

/// <summary>A stored chunk: text, location and (optionally) its embedding.</summary>
/// <param name="Id">Deterministic id from (document id, content hash, ordinal); see <see cref="DocumentIds.ChunkId"/>.</param>
/// <param name="DocumentId">Owning document.</param>
/// <param name="Ordinal">0-based position in the document.</param>
/// <param name="Text">Chunk text.</param>
/// <param name="TokenCount">Length in the chunker's token units.</param>
/// <param name="PageStart">First page, or null.</param>
/// <param name="PageEnd">Last page, or null.</param>
/// <param name="HeadingPath">Enclosing headings, outermost first.</param>
/// <param name="Start">Character offset in the document text.</param>
/// <param name="Length">Character length of the covered span.</param>
/// <param name="EmbeddingModel">Model that produced <paramref name="Vector"/>, or null.</param>
/// <param name="Vector">Unit-length embedding, or null when lexical-only.</param>
/// <param name="PageLabel">Printed label of the first page (<c>iv</c>, <c>15</c>), or null when unknown.</param>
/// <param name="OcrConfidence">Mean OCR confidence (0 to 1) when the chunk's text was read by OCR; null otherwise.</param>
public sealed record ChunkRecord(
    Guid Id,
    string DocumentId,
    int Ordinal,
    string Text,
    int TokenCount,
    int? PageStart,
    int? PageEnd,
    IReadOnlyList<string> HeadingPath,
    int Start,
    int Length,
    string? EmbeddingModel,
    float[]? Vector,
    string? PageLabel = null,
    double? OcrConfidence = null);
