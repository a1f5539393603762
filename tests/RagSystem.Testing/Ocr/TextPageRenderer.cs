using SkiaSharp;

namespace RagSystem.Testing.Ocr;

/// <summary>Renders known text onto an A4-wide page with SkiaSharp (black on white, 1-inch margins), so OCR output
/// can be compared with the text that was drawn.</summary>
public static class TextPageRenderer
{
    private const float A4WidthInches = 8.27f;
    private const float MarginInches = 1f;
    private const float GutterInches = 0.35f;

    /// <summary>Fonts present on Debian with <c>fonts-dejavu-core</c>; empty when none is installed.</summary>
    public static IReadOnlyList<string> InstalledFonts() =>
        new[] { "DejaVuSans.ttf", "DejaVuSerif.ttf", "DejaVuSansMono.ttf", "DejaVuSansCondensed.ttf", "DejaVuSerifCondensed.ttf" }
            .Select(f => Path.Combine("/usr/share/fonts/truetype/dejavu", f))
            .Where(File.Exists)
            .ToArray();

    /// <summary>Renders <paramref name="spec"/>.</summary>
    public static RenderedTextPage Render(TextPageSpec spec)
    {
        var pixelsPerPoint = spec.Dpi / 72f;
        var width = (int)(A4WidthInches * spec.Dpi);
        var height = (int)(spec.HeightInches * spec.Dpi);
        var margin = MarginInches * spec.Dpi;
        var gutter = GutterInches * spec.Dpi;
        var columnWidth = (width - 2 * margin - (spec.Columns - 1) * gutter) / spec.Columns;
        using var typeface = SKTypeface.FromFile(spec.FontFile) ?? throw new FileNotFoundException($"font {spec.FontFile} cannot be loaded");
        using var font = new SKFont(typeface, spec.PointSize * pixelsPerPoint);
        var lineHeight = spec.PointSize * pixelsPerPoint * 1.35f;
        var wrapped = Wrap(spec.Paragraphs, font, columnWidth);

        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            canvas.Translate(width / 2f, height / 2f);
            canvas.RotateDegrees(spec.RotationDegrees);
            canvas.Translate(-width / 2f, -height / 2f);
            using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
            var drawn = new List<string>();
            var (column, y) = (0, margin + lineHeight);
            var overflowed = false;
            foreach (var line in wrapped)
            {
                if (y > height - margin)
                {
                    (column, y) = (column + 1, margin + lineHeight);
                    if (column >= spec.Columns)
                    {
                        overflowed = true;
                        break;
                    }
                }
                if (line.Length > 0)
                {
                    canvas.DrawText(line, margin + column * (columnWidth + gutter), y, SKTextAlign.Left, font, paint);
                    drawn.Add(line);
                }
                y += lineHeight;
            }
            canvas.Flush();
            using var image = SKImage.FromBitmap(bitmap);
            using var data = spec.JpegQuality is { } quality ? image.Encode(SKEncodedImageFormat.Jpeg, quality) : image.Encode(SKEncodedImageFormat.Png, 100);
            return new RenderedTextPage(data.ToArray(), drawn, overflowed);
        }
    }

    // Greedy word wrap; an empty string marks the blank line between paragraphs.
    private static List<string> Wrap(IReadOnlyList<string> paragraphs, SKFont font, float width)
    {
        var lines = new List<string>();
        foreach (var paragraph in paragraphs)
        {
            var line = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (line.Length > 0 && font.MeasureText(candidate) > width)
                {
                    lines.Add(line);
                    line = word;
                }
                else line = candidate;
            }
            if (line.Length > 0) lines.Add(line);
            lines.Add("");
        }
        return lines;
    }
}
