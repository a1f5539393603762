namespace RagSystem.Answering;

/// <summary>How a passage's location and provenance are written in JSON, the same for an answer's citation, a search hit
/// and a document's chunk: the heading path joined with <c>" &gt; "</c> (<c>heading</c>), whether OCR read the text
/// (<c>ocr</c>) and the OCR confidence to four decimals (<c>ocr_confidence</c>).</summary>
public static class ProvenanceJson
{
    /// <summary>The heading path joined with <c>" &gt; "</c>, outermost first; null when the passage has no heading.</summary>
    public static string? Heading(IReadOnlyList<string> headingPath) => headingPath.Count > 0 ? string.Join(" > ", headingPath) : null;

    /// <summary>Whether the passage was read by OCR: a stored OCR confidence means it was.</summary>
    public static bool Ocr(double? ocrConfidence) => ocrConfidence is not null;

    /// <summary>The OCR confidence (0 to 1) rounded to four decimals; null when the text came from a text layer.</summary>
    public static double? OcrConfidence(double? ocrConfidence) => ocrConfidence is { } confidence ? Math.Round(confidence, 4) : null;
}
