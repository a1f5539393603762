namespace RagSystem.Testing.Ocr;

/// <summary>How to render a page of known text for OCR accuracy checks.</summary>
/// <param name="Paragraphs">The text, one paragraph per entry; words are wrapped to the column width.</param>
/// <param name="FontFile">A TrueType font file.</param>
/// <param name="PointSize">Font size in points.</param>
/// <param name="Dpi">Resolution; the page is A4 wide.</param>
/// <param name="Columns">1 or 2 text columns.</param>
/// <param name="RotationDegrees">The whole page turned by this much (a scan fed in crooked).</param>
/// <param name="JpegQuality">Encode as JPEG at this quality (noise); null for PNG.</param>
/// <param name="HeightInches">Page height; shorter than A4 keeps test pages quick.</param>
public sealed record TextPageSpec(
    IReadOnlyList<string> Paragraphs, string FontFile, float PointSize, int Dpi,
    int Columns = 1, float RotationDegrees = 0, int? JpegQuality = null, float HeightInches = 11.69f);
