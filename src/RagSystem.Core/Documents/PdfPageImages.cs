using RagSystem.Ocr;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Tokens;

namespace RagSystem.Documents;

/// <summary>The images of a PDF page, decoded for OCR. PdfPig decodes Flate, LZW, RunLength, ASCII and CCITT fax
/// (G3/G4) streams itself; DCT (JPEG) streams, also when deflated once more, are decoded by SkiaSharp from their raw bytes;
/// JBIG2 streams by the system's jbig2dec library through <see cref="Jbig2Decoder"/>, when it is installed. JPX (JPEG 2000)
/// streams, and JBIG2 ones without jbig2dec, are reported as undecodable.</summary>
internal static class PdfPageImages
{
    // Icons, bullets and rules are not worth OCR.
    private const int MinSide = 32;

    /// <summary>The page's decodable images, top to bottom as placed on the page,
    /// turned upright when the page carries a /Rotate; and the filter names of the images that could not be decoded
    /// (for JBIG2 without jbig2dec, with the reason).</summary>
    /// <exception cref="DocumentReadException">jbig2dec found a JBIG2 image damaged (kind Corrupt).</exception>
    public static (IReadOnlyList<OcrImage> Images, IReadOnlyList<string> Undecodable) Extract(Page page, long maxPixels, Jbig2Decoder jbig2)
    {
        var images = new List<(double Top, OcrImage Image)>();
        var undecodable = new List<string>();
        foreach (var image in page.GetImages())
        {
            if (image.WidthInSamples < MinSide || image.HeightInSamples < MinSide) continue;
            var filters = Filters(image);
            OcrImage? decoded;
            try
            {
                decoded = Decode(image, filters, maxPixels, jbig2);
            }
            catch (InvalidDataException)
            {
                decoded = null;
            }
            if (decoded is null)
            {
                var name = filters.Length == 0 ? "unfiltered" : string.Join('+', filters);
                undecodable.Add(IsJbig2(filters) && jbig2.UnavailableReason is { } reason ? $"{name} ({reason})" : name);
                continue;
            }
            images.Add((-image.BoundingBox.Top, Rotate(decoded, page.Rotation.Value)));
        }
        return ([.. images.OrderBy(i => i.Top).Select(i => i.Image)], undecodable);
    }

    private static OcrImage? Decode(IPdfImage image, string[] filters, long maxPixels, Jbig2Decoder jbig2)
    {
        if (filters.Contains("JPXDecode")) return null;
        if (IsJbig2(filters)) return filters[^1] == "JBIG2Decode" && jbig2.IsAvailable ? PdfJbig2Image.Decode(image, filters, jbig2, maxPixels, Inflate) : null;
        if (filters is [.., "DCTDecode" or "DCT"])
        {
            // Some producers deflate the JPEG stream once more (/Filter [/FlateDecode /DCTDecode]).
            var jpeg = image.RawMemory.ToArray();
            foreach (var filter in filters[..^1])
            {
                if (filter is not ("FlateDecode" or "Fl")) return null;
                jpeg = Inflate(jpeg);
            }
            return OcrImageDecoder.Decode(jpeg, maxPixels);
        }
        return image.TryGetPng(out var png) ? OcrImageDecoder.Decode(png, maxPixels) : null;
    }

    private static bool IsJbig2(string[] filters) => filters.Contains("JBIG2Decode");

    private static byte[] Inflate(byte[] data)
    {
        try
        {
            using var output = new MemoryStream();
            using (var zlib = new System.IO.Compression.ZLibStream(new MemoryStream(data), System.IO.Compression.CompressionMode.Decompress))
                zlib.CopyTo(output);
            return output.ToArray();
        }
        catch (IOException ex)
        {
            throw new InvalidDataException($"a Flate-compressed image stream is damaged: {ex.Message}", ex);
        }
    }

    private static string[] Filters(IPdfImage image)
    {
        if (!image.ImageDictionary.TryGet(NameToken.Filter, out var token) && !image.ImageDictionary.TryGet(NameToken.F, out token)) return [];
        return token switch
        {
            NameToken name => [name.Data],
            ArrayToken array => [.. array.Data.OfType<NameToken>().Select(n => n.Data)],
            _ => [],
        };
    }

    // A /Rotate of 90 turns the page clockwise for display; the image is stored unturned.
    private static OcrImage Rotate(OcrImage image, int degrees)
    {
        var turns = ((degrees % 360) + 360) % 360 / 90;
        if (turns == 0) return image;
        var (w, h) = (image.Width, image.Height);
        var (outW, outH) = turns % 2 == 1 ? (h, w) : (w, h);
        var rgb = new byte[image.Rgb.Length];
        for (var y = 0; y < outH; y++)
        {
            for (var x = 0; x < outW; x++)
            {
                var (sx, sy) = turns switch { 1 => (y, h - 1 - x), 2 => (w - 1 - x, h - 1 - y), _ => (w - 1 - y, x) };
                Array.Copy(image.Rgb, ((long)sy * w + sx) * 3, rgb, ((long)y * outW + x) * 3, 3);
            }
        }
        return new OcrImage(outW, outH, rgb);
    }
}
