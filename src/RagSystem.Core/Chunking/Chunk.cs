namespace RagSystem.Chunking;

/// <summary>A piece of a document sized for the embedding model.</summary>
/// <param name="Ordinal">0-based position of the chunk in its document.</param>
/// <param name="Text">The chunk text.</param>
/// <param name="TokenCount">Its length in the token counter's units.</param>
/// <param name="PageStart">First page the chunk covers, or null for unpaginated formats.</param>
/// <param name="PageEnd">Last page the chunk covers, or null.</param>
/// <param name="HeadingPath">Headings enclosing the chunk's start, outermost first.</param>
/// <param name="Start">Character offset of the chunk in the document text.</param>
/// <param name="Length">Character length of the span the chunk covers in the document text.</param>
/// <param name="PageLabel">The printed label of the chunk's first page (see <see cref="Documents.Section.PageLabel"/>), or null.</param>
/// <param name="OcrConfidence">The mean OCR confidence over the OCR-read sections the chunk covers; null when none of its text
/// came from OCR.</param>
public sealed record Chunk(
    int Ordinal,
    string Text,
    int TokenCount,
    int? PageStart,
    int? PageEnd,
    IReadOnlyList<string> HeadingPath,
    int Start,
    int Length,
    string? PageLabel = null,
    double? OcrConfidence = null);
