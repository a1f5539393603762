namespace RagSystem.Ocr;

/// <summary>A text line's box: a (possibly rotated) rectangle given by its corners in reading direction,
/// top-left first and then clockwise.</summary>
public readonly record struct OcrQuad(OcrPoint TopLeft, OcrPoint TopRight, OcrPoint BottomRight, OcrPoint BottomLeft)
{
    /// <summary>Left edge of the axis-aligned bounding box.</summary>
    public float Left => MathF.Min(MathF.Min(TopLeft.X, TopRight.X), MathF.Min(BottomRight.X, BottomLeft.X));

    /// <summary>Right edge of the axis-aligned bounding box.</summary>
    public float Right => MathF.Max(MathF.Max(TopLeft.X, TopRight.X), MathF.Max(BottomRight.X, BottomLeft.X));

    /// <summary>Top edge of the axis-aligned bounding box.</summary>
    public float Top => MathF.Min(MathF.Min(TopLeft.Y, TopRight.Y), MathF.Min(BottomRight.Y, BottomLeft.Y));

    /// <summary>Bottom edge of the axis-aligned bounding box.</summary>
    public float Bottom => MathF.Max(MathF.Max(TopLeft.Y, TopRight.Y), MathF.Max(BottomRight.Y, BottomLeft.Y));

    /// <summary>Length of the reading direction (the longer of the top and bottom edges).</summary>
    public float Width => MathF.Max(TopLeft.DistanceTo(TopRight), BottomLeft.DistanceTo(BottomRight));

    /// <summary>Length across the reading direction (the longer of the left and right edges).</summary>
    public float Height => MathF.Max(TopLeft.DistanceTo(BottomLeft), TopRight.DistanceTo(BottomRight));

    /// <summary>The same box turned a quarter turn counter-clockwise: for text that runs top to bottom.</summary>
    public OcrQuad RotatedQuarter() => new(TopRight, BottomRight, BottomLeft, TopLeft);

    /// <summary>The same box turned half a turn: for upside-down text.</summary>
    public OcrQuad RotatedHalf() => new(BottomRight, BottomLeft, TopLeft, TopRight);
}
