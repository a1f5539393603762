namespace RagSystem.Documents;

/// <summary>A run of text with one location: a PDF page or a heading path.</summary>
/// <param name="Text">The section's text. Paragraphs are separated by blank lines (<c>"\n\n"</c>).</param>
/// <param name="Page">1-based page number for paginated formats (PDF); null otherwise.</param>
/// <param name="HeadingPath">Headings enclosing this text, outermost first; empty when none.</param>
/// <param name="Offset">Character offset of <paramref name="Text"/> in the document's concatenated text
/// (sections joined with <c>"\n\n"</c>).</param>
/// <param name="PageLabel">The page's printed label (<c>iv</c>, <c>15</c>, <c>A-3</c>): the PDF's own page labels, else the running
/// page number printed in the page's margin; null when unknown or unpaginated.</param>
/// <param name="OcrConfidence">For text read by OCR, the recogniser's mean confidence (0 to 1, weighted by characters); null for
/// text from a text layer or a markup format.</param>
public sealed record Section(string Text, int? Page, IReadOnlyList<string> HeadingPath, int Offset, string? PageLabel = null,
    double? OcrConfidence = null);
