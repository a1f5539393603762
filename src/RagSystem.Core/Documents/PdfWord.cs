using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;

namespace RagSystem.Documents;

/// <summary>A word as a reader sees it: PdfPig's <see cref="Word"/> (its letters and box, for layout analysis) and the
/// text to show for it, which can differ from the letters (a superscript shown as <c>^T</c>).</summary>
internal sealed class PdfWord
{
    public PdfWord(Word source, string text)
    {
        Source = source;
        Text = text;
        var letters = source.Letters;
        Baseline = letters.Count == 0 ? source.BoundingBox.Bottom : letters[0].StartBaseLine.Y;
        Size = MedianSize(letters, source.BoundingBox.Height);
    }

    /// <summary>PdfPig's word: its letters and bounding box.</summary>
    public Word Source { get; }

    /// <summary>The text shown for the word.</summary>
    public string Text { get; }

    /// <summary>Y of the first letter's baseline (PDF space: up is larger).</summary>
    public double Baseline { get; }

    /// <summary>Font size in points (median over letters).</summary>
    public double Size { get; }

    public PdfRectangle Box => Source.BoundingBox;

    public double Left => Source.BoundingBox.Left;

    public double Right => Source.BoundingBox.Right;

    public bool IsHorizontal => Source.TextOrientation == TextOrientation.Horizontal;

    private static double MedianSize(IReadOnlyList<Letter> letters, double fallback)
    {
        var sizes = letters.Select(l => l.PointSize > 0 ? l.PointSize : l.BoundingBox.Height).Where(s => s > 0).Order().ToList();
        return sizes.Count == 0 ? Math.Max(fallback, 1) : sizes[sizes.Count / 2];
    }
}
