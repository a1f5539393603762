namespace RagSystem.Documents;

/// <summary>Rows of a table found on a PDF page: each row's cells, left to right, as the words they hold.</summary>
internal sealed record PdfTableRegion(IReadOnlyList<IReadOnlyList<IReadOnlyList<PdfWord>>> Rows);
