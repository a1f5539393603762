using BitMiracle.LibTiff.Classic;

namespace RagSystem.Ocr;

/// <summary>Decodes every page of a TIFF file (fax G3/G4, LZW, Deflate, JPEG-in-TIFF, …) with LibTiff.NET.</summary>
internal static class TiffPageDecoder
{
    static TiffPageDecoder() => Tiff.SetErrorHandler(new TiffErrorCollector());

    /// <summary>The pages, decoded one at a time as they are enumerated.</summary>
    public static IEnumerable<OcrImage> Decode(byte[] data, long maxPixels)
    {
        TiffErrorCollector.TakeLastError();
        using var tiff = Tiff.ClientOpen("image", "r", new MemoryStream(data, writable: false), new TiffStream())
            ?? throw new InvalidDataException($"the TIFF file cannot be opened ({TiffErrorCollector.TakeLastError() ?? "unknown error"})");
        do
        {
            var width = tiff.GetField(TiffTag.IMAGEWIDTH)[0].ToInt();
            var height = tiff.GetField(TiffTag.IMAGELENGTH)[0].ToInt();
            if ((double)width * height > 8.0 * maxPixels)
                throw new InvalidDataException($"a TIFF page is {width}x{height} pixels, too large to decode (Ocr:MaxPagePixels is {maxPixels})");
            var raster = new int[width * height];
            if (!tiff.ReadRGBAImageOriented(width, height, raster, Orientation.TOPLEFT))
                throw new InvalidDataException($"a TIFF page cannot be decoded ({TiffErrorCollector.TakeLastError() ?? "unsupported encoding"})");
            yield return ToImage(width, height, raster, maxPixels);
        }
        while (tiff.ReadDirectory());
    }

    private static OcrImage ToImage(int width, int height, int[] raster, long maxPixels)
    {
        using var bitmap = new SkiaSharp.SKBitmap(new SkiaSharp.SKImageInfo(width, height, SkiaSharp.SKColorType.Rgba8888, SkiaSharp.SKAlphaType.Unpremul));
        var pixels = bitmap.GetPixelSpan();
        for (var i = 0; i < raster.Length; i++)
        {
            var p = raster[i];
            pixels[4 * i] = (byte)Tiff.GetR(p);
            pixels[4 * i + 1] = (byte)Tiff.GetG(p);
            pixels[4 * i + 2] = (byte)Tiff.GetB(p);
            pixels[4 * i + 3] = (byte)Tiff.GetA(p);
        }
        return OcrImageDecoder.FromBitmap(bitmap, maxPixels);
    }
}
