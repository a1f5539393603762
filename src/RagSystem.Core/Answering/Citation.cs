namespace RagSystem.Answering;

/// <summary>One source behind an answer: the passage numbered <see cref="Number"/> in the prompt, i.e. <c>[n]</c> in the text.</summary>
/// <param name="Number">The passage's number in the prompt, as cited in the answer text.</param>
/// <param name="ChunkId">The chunk's id in the store.</param>
/// <param name="Source">The document's path relative to the ingested root.</param>
/// <param name="PageStart">First page of the passage, or null for unpaginated formats.</param>
/// <param name="PageEnd">Last page of the passage, or null.</param>
/// <param name="HeadingPath">Headings enclosing the passage, outermost first.</param>
/// <param name="Text">The quoted passage text.</param>
/// <param name="Score">The retrieval score that ranked the passage.</param>
public sealed record Citation(
    int Number,
    Guid ChunkId,
    string Source,
    int? PageStart,
    int? PageEnd,
    IReadOnlyList<string> HeadingPath,
    string Text,
    double Score)
{
    /// <summary>The sentence(s) of the passage the answer rests on: the sentences an extractive answer quotes, or for a
    /// generated answer the passage sentence closest to the answer's sentences citing <c>[n]</c>. Null when no sentence of
    /// the passage shares a content word with them.</summary>
    public string? Quote { get; init; }

    /// <summary>The printed label of the passage's first page (<c>iv</c>, <c>15</c>), when the document declares or prints
    /// one; null otherwise.</summary>
    public string? PageLabel { get; init; }

    /// <summary>The mean OCR confidence (0 to 1) when the passage's text was read from a scan by OCR; null when it came from a
    /// text layer, so a reader knows which quotes may carry recognition errors.</summary>
    public double? OcrConfidence { get; init; }

    /// <summary>The id of the document the passage belongs to (the API links a citation to the document's original file with it).</summary>
    public string? DocumentId { get; init; }
}
