namespace RagSystem.Documents;

/// <summary>A decoded JBIG2 page: 1 bit per pixel, rows top to bottom, each row <see cref="Stride"/> bytes with the
/// leftmost pixel in the most significant bit; a 1 bit is black, as JBIG2 defines it.</summary>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="Stride">Bytes per row (at least <c>(Width + 7) / 8</c>).</param>
/// <param name="Bits">The rows, <c>Stride * Height</c> bytes.</param>
public sealed record Jbig2Bitmap(int Width, int Height, int Stride, byte[] Bits)
{
    /// <summary>Whether the pixel at (<paramref name="x"/>, <paramref name="y"/>) is black.</summary>
    public bool IsBlack(int x, int y) => (Bits[(long)y * Stride + (x >> 3)] & (0x80 >> (x & 7))) != 0;
}
