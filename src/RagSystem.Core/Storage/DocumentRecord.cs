namespace RagSystem.Storage;

/// <summary>What the store knows about one ingested document.</summary>
/// <param name="Id">Stable id derived from the path relative to the ingested root (see <see cref="DocumentIds"/>).</param>
/// <param name="Path">Path relative to the ingested root, with forward slashes.</param>
/// <param name="ContentHash">Lower-case hex SHA-256 of the file's bytes.</param>
/// <param name="SizeBytes">File size when ingested.</param>
/// <param name="Format">Reader format name (pdf, markdown, html, docx, text).</param>
/// <param name="ChunkCount">Number of chunks stored for this document.</param>
/// <param name="EmbeddingModel">Name of the embedding model that produced the vectors, or null when lexical-only.</param>
/// <param name="IngestedUtc">When this version was written.</param>
/// <param name="Title">Document title when the format has one.</param>
/// <param name="Tags">Free-form tags used by search filters.</param>
/// <param name="OcrPages">Pages (or images) of the document whose text was read by OCR; 0 when none.</param>
public sealed record DocumentRecord(
    string Id,
    string Path,
    string ContentHash,
    long SizeBytes,
    string Format,
    int ChunkCount,
    string? EmbeddingModel,
    DateTimeOffset IngestedUtc,
    string? Title = null,
    IReadOnlyList<string>? Tags = null,
    int OcrPages = 0);
