namespace RagSystem.Ocr;

/// <summary>Joins lines in reading order into text: boxes on one row with a space, rows with a newline, and a blank
/// line where the vertical gap or a jump back up (a new column) says a new block starts.</summary>
internal static class OcrTextLayout
{
    /// <summary>The text of <paramref name="lines"/>, which are in reading order.</summary>
    public static string Join(IReadOnlyList<OcrLine> lines)
    {
        var text = new System.Text.StringBuilder();
        OcrQuad? previous = null;
        foreach (var line in lines)
        {
            if (previous is { } p)
            {
                var box = line.Box;
                var height = MathF.Max(p.Height, box.Height);
                var centerShift = MathF.Abs((box.Top + box.Bottom) / 2 - (p.Top + p.Bottom) / 2);
                if (centerShift <= height / 2 && box.Left >= p.Right - height) text.Append(' ');
                else if (box.Top - p.Bottom > 0.8f * height || box.Bottom < p.Top) text.Append("\n\n");
                else text.Append('\n');
            }
            text.Append(line.Text);
            previous = line.Box;
        }
        return text.ToString();
    }
}
