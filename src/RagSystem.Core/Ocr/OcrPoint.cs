namespace RagSystem.Ocr;

/// <summary>A point in image pixel coordinates (x to the right, y down).</summary>
public readonly record struct OcrPoint(float X, float Y)
{
    /// <summary>Distance to <paramref name="other"/>.</summary>
    public float DistanceTo(OcrPoint other) => MathF.Sqrt((X - other.X) * (X - other.X) + (Y - other.Y) * (Y - other.Y));
}
