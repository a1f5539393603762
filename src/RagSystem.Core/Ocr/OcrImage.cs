namespace RagSystem.Ocr;

/// <summary>A decoded image as 8-bit RGB pixels, row by row, three bytes per pixel, no padding.</summary>
public sealed class OcrImage
{
    /// <summary>Wraps <paramref name="rgb"/>, which must hold exactly <c>width * height * 3</c> bytes.</summary>
    public OcrImage(int width, int height, byte[] rgb)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentNullException.ThrowIfNull(rgb);
        if (rgb.LongLength != (long)width * height * 3)
            throw new ArgumentException($"an RGB image of {width}x{height} needs {(long)width * height * 3} bytes, got {rgb.LongLength}", nameof(rgb));
        Width = width;
        Height = height;
        Rgb = rgb;
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>The pixels: R, G, B for each pixel, rows top to bottom.</summary>
    public byte[] Rgb { get; }
}
