namespace RagSystem.Documents;

/// <summary>A paragraph or a table of a PDF page, in reading order. A paragraph's lines join into one run of text;
/// a table's lines (rows) stay apart.</summary>
internal sealed record PdfTextBlock(IReadOnlyList<PdfLine> Lines, bool IsTable);
