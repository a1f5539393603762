using RagSystem.Ocr;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Tokens;

namespace RagSystem.Documents;

/// <summary>A PDF image stream filtered through /JBIG2Decode, decoded by <see cref="Jbig2Decoder"/> into an upright-polarity
/// OCR image: ink black on white paper.</summary>
internal static class PdfJbig2Image
{
    /// <summary>Decodes the image: the filters in front of /JBIG2Decode (Flate only) are undone, its /JBIG2Globals
    /// (from /DecodeParms) are passed along, and its /Decode array decides which bit is ink.</summary>
    /// <exception cref="InvalidDataException">A filter other than Flate precedes /JBIG2Decode, a stream is damaged, or
    /// the image is far above the page pixel limit.</exception>
    /// <exception cref="DocumentReadException">jbig2dec could not decode it (kind Corrupt).</exception>
    public static OcrImage Decode(IPdfImage image, string[] filters, Jbig2Decoder decoder, long maxPixels, Func<byte[], byte[]> inflate)
    {
        var data = Unfilter(image.RawMemory.ToArray(), filters[..^1], inflate);
        var globals = Globals(image, filters.Length - 1, inflate);
        // jbig2dec's allocations are capped: a page of 8 × the pixel limit at 1 bit each, plus room for symbol dictionaries.
        var bitmap = decoder.Decode(data, globals, Math.Max(64L << 20, 2 * maxPixels));
        if ((long)bitmap.Width * bitmap.Height > 8 * maxPixels)
            throw new InvalidDataException($"the JBIG2 image is {bitmap.Width}x{bitmap.Height} pixels, too large to OCR (Ocr:MaxPagePixels is {maxPixels})");
        return ToOcrImage(bitmap, InkIsOne(image), maxPixels);
    }

    // JBIG2 calls 1 black. The JBIG2Decode filter hands PDF 0 for those pixels, which both an /ImageMask (0 paints the
    // fill colour, assumed dark) and DeviceGray (0 is black) show as ink. Only a /Decode of [1 0] swaps that.
    private static bool InkIsOne(IPdfImage image) => image.Decode is not [var first, var second, ..] || first <= second;

    private static byte[] Unfilter(byte[] data, string[] filters, Func<byte[], byte[]> inflate)
    {
        foreach (var filter in filters)
        {
            if (filter is not ("FlateDecode" or "Fl")) throw new InvalidDataException($"a {filter} filter in front of JBIG2Decode is not supported");
            data = inflate(data);
        }
        return data;
    }

    private static byte[] Globals(IPdfImage image, int filterIndex, Func<byte[], byte[]> inflate)
    {
        if (!image.ImageDictionary.TryGet(NameToken.DecodeParms, out var parms) && !image.ImageDictionary.TryGet(NameToken.Dp, out parms)) return [];
        // One /DecodeParms dictionary per filter when /Filter is an array; PdfPig resolves the references in it.
        var dictionary = parms switch
        {
            DictionaryToken d => d,
            ArrayToken a when filterIndex < a.Length => a.Data[filterIndex] as DictionaryToken,
            _ => null,
        };
        if (dictionary is null || !dictionary.TryGet(NameToken.Create("JBIG2Globals"), out var token)) return [];
        if (token is not StreamToken stream) throw new InvalidDataException("the image's /JBIG2Globals is not a stream");
        var filters = stream.StreamDictionary.TryGet(NameToken.Filter, out var f) ? f switch
        {
            NameToken name => [name.Data],
            ArrayToken array => array.Data.OfType<NameToken>().Select(n => n.Data).ToArray(),
            _ => [],
        } : [];
        return Unfilter(stream.Data.ToArray(), filters, inflate);
    }

    // Pages above the pixel limit are averaged over k × k blocks, which keeps strokes as grey instead of dropping them.
    private static OcrImage ToOcrImage(Jbig2Bitmap bitmap, bool inkIsOne, long maxPixels)
    {
        var pixels = (long)bitmap.Width * bitmap.Height;
        var k = pixels <= maxPixels ? 1 : (int)Math.Ceiling(Math.Sqrt((double)pixels / maxPixels));
        var (width, height) = ((bitmap.Width + k - 1) / k, (bitmap.Height + k - 1) / k);
        var rgb = new byte[(long)width * height * 3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                int ink = 0, count = 0;
                for (var sy = y * k; sy < Math.Min((y + 1) * k, bitmap.Height); sy++)
                {
                    for (var sx = x * k; sx < Math.Min((x + 1) * k, bitmap.Width); sx++, count++)
                    {
                        if (bitmap.IsBlack(sx, sy) == inkIsOne) ink++;
                    }
                }
                var gray = (byte)(255 - (255 * ink + count / 2) / count);
                var o = ((long)y * width + x) * 3;
                rgb[o] = rgb[o + 1] = rgb[o + 2] = gray;
            }
        }
        return new OcrImage(width, height, rgb);
    }
}
