namespace RagSystem.Documents;

/// <summary>One line of a PDF page as text with its vertical position (PDF space: up is larger) and font size;
/// a table row is one line with its cells joined by <c>" | "</c>.</summary>
internal sealed record PdfLine(string Text, double Bottom, double Top, double Size);
