using SkiaSharp;

namespace RagSystem.Testing.Ocr;

/// <summary>Renders a table with SkiaSharp (black on white, 1-inch margins, A4 wide): a ruled grid, labels left-aligned
/// and numbers right-aligned in their cells, each column as wide as its widest cell plus padding. The ground truth is the
/// table in reading order by rows: one line per row, its cells separated by spaces.</summary>
public static class TablePageRenderer
{
    private const float A4WidthInches = 8.27f;
    private const float MarginInches = 1f;
    private const float CellPaddingEms = 0.6f;
    private const float RowHeightEms = 1.9f;

    /// <summary>Renders <paramref name="spec"/>.</summary>
    /// <exception cref="ArgumentException">The rows have different numbers of cells, or the table is wider than the page.</exception>
    public static RenderedTextPage Render(TablePageSpec spec)
    {
        var columns = spec.Rows[0].Count;
        if (spec.Rows.Any(r => r.Count != columns)) throw new ArgumentException("every table row needs the same number of cells", nameof(spec));
        var pixelsPerPoint = spec.Dpi / 72f;
        var width = (int)(A4WidthInches * spec.Dpi);
        var height = (int)(spec.HeightInches * spec.Dpi);
        var margin = MarginInches * spec.Dpi;
        using var typeface = SKTypeface.FromFile(spec.FontFile) ?? throw new FileNotFoundException($"font {spec.FontFile} cannot be loaded");
        var em = spec.PointSize * pixelsPerPoint;
        using var font = new SKFont(typeface, em);
        var padding = CellPaddingEms * em;
        var rowHeight = RowHeightEms * em;
        var columnWidths = Enumerable.Range(0, columns).Select(c => spec.Rows.Max(r => font.MeasureText(r[c])) + 2 * padding).ToArray();
        if (columnWidths.Sum() > width - 2 * margin) throw new ArgumentException("the table is wider than the page between its margins", nameof(spec));

        using var bitmap = new SKBitmap(width, height);
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.White);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var rule = new SKPaint { Color = SKColors.Black, IsAntialias = true, StrokeWidth = MathF.Max(1, spec.Dpi / 150f), Style = SKPaintStyle.Stroke };
        var drawn = new List<string>();
        var top = margin;
        var tableWidth = columnWidths.Sum();
        for (var r = 0; r < spec.Rows.Count && top + rowHeight <= height - margin; r++)
        {
            var baseline = top + rowHeight / 2 + em * 0.35f;
            var left = margin;
            for (var c = 0; c < columns; c++)
            {
                var cell = spec.Rows[r][c];
                var isNumber = r > 0 && cell.Length > 0 && cell.All(ch => char.IsDigit(ch) || ch is ',' or '.' or '%' or '-' or '$');
                if (isNumber) canvas.DrawText(cell, left + columnWidths[c] - padding, baseline, SKTextAlign.Right, font, ink);
                else canvas.DrawText(cell, left + padding, baseline, SKTextAlign.Left, font, ink);
                left += columnWidths[c];
            }
            canvas.DrawLine(margin, top, margin + tableWidth, top, rule);
            drawn.Add(string.Join(' ', spec.Rows[r]));
            top += rowHeight;
        }
        canvas.DrawLine(margin, top, margin + tableWidth, top, rule);
        var x = margin;
        foreach (var columnWidth in columnWidths.Prepend(0))
        {
            x += columnWidth;
            canvas.DrawLine(x, margin, x, top, rule);
        }
        canvas.Flush();
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return new RenderedTextPage(data.ToArray(), drawn, drawn.Count < spec.Rows.Count);
    }
}
