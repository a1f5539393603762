namespace RagSystem.Testing.Ocr;

/// <summary>How to render a table page (a ruled grid of labels and numbers) for OCR accuracy checks.</summary>
/// <param name="Rows">The cells, row by row; the first row is the header. Every row has the same number of cells.</param>
/// <param name="FontFile">A TrueType font file.</param>
/// <param name="PointSize">Font size in points.</param>
/// <param name="Dpi">Resolution; the page is A4 wide.</param>
/// <param name="HeightInches">Page height.</param>
public sealed record TablePageSpec(IReadOnlyList<IReadOnlyList<string>> Rows, string FontFile, float PointSize, int Dpi, float HeightInches = 11.69f);
