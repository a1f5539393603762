using SkiaSharp;

namespace RagSystem.Ocr;

/// <summary>Decodes image files into <see cref="OcrImage"/>s: PNG, JPEG, WebP, BMP, GIF (first frame) and ICO through
/// SkiaSharp, TIFF (every page) through LibTiff.NET. Transparent pixels are put on white, JPEG EXIF rotation is
/// applied, and images above the pixel limit are scaled down.</summary>
public static class OcrImageDecoder
{
    /// <summary>Whether <paramref name="head"/> starts like a TIFF file (byte order mark and 42).</summary>
    public static bool IsTiff(ReadOnlySpan<byte> head) =>
        head.Length >= 4 && ((head[0] == 'I' && head[1] == 'I' && head[2] == 42 && head[3] == 0) || (head[0] == 'M' && head[1] == 'M' && head[2] == 0 && head[3] == 42));

    /// <summary>The pages of the image in <paramref name="data"/> (one for every format but multi-page TIFF), decoded
    /// one at a time as they are enumerated.</summary>
    /// <param name="data">The encoded file.</param>
    /// <param name="maxPixels">Pages with more pixels are scaled down to about this many.</param>
    /// <exception cref="InvalidDataException">The data is not an image either library can decode.</exception>
    public static IEnumerable<OcrImage> DecodePages(byte[] data, long maxPixels)
    {
        ArgumentNullException.ThrowIfNull(data);
        return IsTiff(data) ? TiffPageDecoder.Decode(data, maxPixels) : [DecodeWithSkia(data, maxPixels)];
    }

    /// <summary>The first page of the image in <paramref name="data"/>; see <see cref="DecodePages"/>.</summary>
    public static OcrImage Decode(byte[] data, long maxPixels) => DecodePages(data, maxPixels).First();

    /// <summary>Builds an image from 32-bit pixels, putting transparency on white and scaling down above <paramref name="maxPixels"/>.</summary>
    internal static OcrImage FromBitmap(SKBitmap bitmap, long maxPixels)
    {
        var source = bitmap;
        SKBitmap? scaled = null;
        if ((long)bitmap.Width * bitmap.Height > maxPixels)
        {
            var factor = Math.Sqrt((double)maxPixels / ((long)bitmap.Width * bitmap.Height));
            var info = new SKImageInfo(Math.Max(1, (int)(bitmap.Width * factor)), Math.Max(1, (int)(bitmap.Height * factor)), SKColorType.Rgba8888, SKAlphaType.Unpremul);
            scaled = bitmap.Resize(info, new SKSamplingOptions(SKCubicResampler.Mitchell))
                ?? throw new InvalidDataException($"the image ({bitmap.Width}x{bitmap.Height}) could not be scaled down to the page pixel limit");
            source = scaled;
        }
        try
        {
            var rgb = new byte[(long)source.Width * source.Height * 3];
            var pixels = source.GetPixelSpan();
            for (long i = 0, o = 0; o < rgb.Length; i += 4, o += 3)
            {
                var alpha = pixels[(int)i + 3];
                for (var c = 0; c < 3; c++) rgb[o + c] = (byte)((pixels[(int)i + c] * alpha + 255 * (255 - alpha) + 127) / 255);
            }
            return new OcrImage(source.Width, source.Height, rgb);
        }
        finally
        {
            scaled?.Dispose();
        }
    }

    private static OcrImage DecodeWithSkia(byte[] data, long maxPixels)
    {
        using var stream = new SKMemoryStream(data);
        using var codec = SKCodec.Create(stream)
            ?? throw new InvalidDataException("the data is not an image SkiaSharp can decode (PNG, JPEG, WebP, BMP, GIF, ICO)");
        var size = codec.Info.Size;
        // Huge JPEGs decode straight to a smaller size; other codecs ignore the request and are scaled afterwards.
        if ((double)size.Width * size.Height > 2.0 * maxPixels)
            size = codec.GetScaledDimensions((float)Math.Sqrt((double)maxPixels / ((long)size.Width * size.Height)));
        if ((double)size.Width * size.Height > 8.0 * maxPixels)
            throw new InvalidDataException($"the image is {codec.Info.Width}x{codec.Info.Height} pixels, too large to decode (Ocr:MaxPagePixels is {maxPixels})");
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
            throw new InvalidDataException($"the image could not be decoded ({result})");
        using var oriented = Orient(bitmap, codec.EncodedOrigin);
        return FromBitmap(oriented ?? bitmap, maxPixels);
    }

    // Phone photos store the sensor's orientation in EXIF; the page is upright only after applying it.
    private static SKBitmap? Orient(SKBitmap bitmap, SKEncodedOrigin origin)
    {
        var (degrees, swap) = origin switch
        {
            SKEncodedOrigin.BottomRight => (180, false),
            SKEncodedOrigin.RightTop => (90, true),
            SKEncodedOrigin.LeftBottom => (270, true),
            _ => (0, false),
        };
        if (degrees == 0) return null;
        var rotated = new SKBitmap(new SKImageInfo(swap ? bitmap.Height : bitmap.Width, swap ? bitmap.Width : bitmap.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        using var canvas = new SKCanvas(rotated);
        canvas.Translate(rotated.Width / 2f, rotated.Height / 2f);
        canvas.RotateDegrees(degrees);
        canvas.Translate(-bitmap.Width / 2f, -bitmap.Height / 2f);
        canvas.DrawBitmap(bitmap, 0, 0, SKSamplingOptions.Default, null);
        return rotated;
    }
}
