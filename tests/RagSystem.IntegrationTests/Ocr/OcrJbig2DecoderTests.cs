using RagSystem.Documents;
using RagSystem.Testing;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Tokens;

namespace RagSystem.IntegrationTests.Ocr;

/// <summary><see cref="Jbig2Decoder"/> over the system's jbig2dec (Debian's libjbig2dec0): the real Xerox scan in
/// ../shared decodes to its declared size with ink as the minority, damaged streams and a stream over the memory limit
/// are refused as Corrupt without harming the process, and a library that is not there is reported, not thrown at load.</summary>
public sealed class OcrJbig2DecoderTests(ITestOutputHelper output)
{
    private const string File = "pdfminer__pdf-with-jbig2.pdf";

    [Fact]
    public void OcrJbig2DecoderDecodesTheRealScanWithItsGlobals()
    {
        if (SkipReason() is { } reason) Assert.Skip(reason);
        var (data, globals) = ScanStreams();
        var bitmap = Jbig2Decoder.System.Decode(data, globals, 64L << 20);
        var share = BlackShare(bitmap);
        output.WriteLine($"jbig2dec {Jbig2Decoder.System.LibraryVersion}: {bitmap.Width}x{bitmap.Height}, stride {bitmap.Stride}, {share:P2} black");
        Assert.Equal((3296, 2551), (bitmap.Width, bitmap.Height));
        Assert.True(bitmap.Stride >= (bitmap.Width + 7) / 8);
        // A typed page: ink (JBIG2's 1 bits) is a few percent of the paper, never most of it.
        Assert.InRange(share, 0.005, 0.2);

        // The text region refers to the symbols in /JBIG2Globals: without them the page cannot be built.
        var missing = Assert.Throws<DocumentReadException>(() => Jbig2Decoder.System.Decode(data, [], 64L << 20));
        output.WriteLine(missing.Message);
        Assert.Equal(DocumentFailureKind.Corrupt, missing.Kind);
    }

    // Stored landscape (3296 x 2551) with /Rotate 270: the OCR image is the portrait page, white paper with dark ink,
    // and above Ocr:MaxPagePixels it is averaged down by a whole factor (here 3) to fit.
    [Fact]
    public void OcrJbig2PageImageIsUprightInkOnPaperAndWithinThePixelLimit()
    {
        if (SkipReason() is { } reason) Assert.Skip(reason);
        using var pdf = PdfDocument.Open(SharedData.Find("data", "pdfs", File)!);
        var page = pdf.GetPage(1);
        Assert.Equal(270, page.Rotation.Value);

        var (full, undecodable) = PdfPageImages.Extract(page, 40_000_000, Jbig2Decoder.System);
        Assert.Empty(undecodable);
        var image = Assert.Single(full);
        Assert.Equal((2551, 3296), (image.Width, image.Height));
        var (white, dark) = (image.Rgb.Count(b => b == 255) / 3, image.Rgb.Count(b => b == 0) / 3);
        output.WriteLine($"{white} white, {dark} black of {image.Width * image.Height} pixels");
        Assert.True(white > 0.9 * image.Width * image.Height, "the paper is not white");
        Assert.True(dark > 0.001 * image.Width * image.Height, "there is no ink");

        var scaled = Assert.Single(PdfPageImages.Extract(page, 2_000_000, Jbig2Decoder.System).Images);
        Assert.Equal((851, 1099), (scaled.Width, scaled.Height));
        Assert.Contains(scaled.Rgb, b => b is > 0 and < 255);
    }

    [Fact]
    public void OcrJbig2DecoderRefusesGarbageAsCorrupt()
    {
        if (Jbig2Decoder.System.UnavailableReason is { } reason) Assert.Skip($"jbig2dec is not available: {reason}");
        var random = new Random(20261130);
        foreach (var length in new[] { 1, 64, 4096 })
        {
            var garbage = new byte[length];
            random.NextBytes(garbage);
            var error = Assert.Throws<DocumentReadException>(() => Jbig2Decoder.System.Decode(garbage, [], 64L << 20));
            output.WriteLine($"{length} bytes: {error.Message}");
            Assert.Equal(DocumentFailureKind.Corrupt, error.Kind);
            Assert.StartsWith("the JBIG2 image is damaged", error.Message);
            var badGlobals = Assert.Throws<DocumentReadException>(() => Jbig2Decoder.System.Decode(garbage, garbage, 64L << 20));
            Assert.Equal(DocumentFailureKind.Corrupt, badGlobals.Kind);
        }
    }

    [Fact]
    public void OcrJbig2DecoderRefusesAStreamThatNeedsMoreThanItsMemoryLimit()
    {
        if (SkipReason() is { } reason) Assert.Skip(reason);
        var (data, globals) = ScanStreams();
        // The page alone is 412 bytes a row × 2551 rows, about 1 MiB: a 256 KiB budget cannot hold it.
        var error = Assert.Throws<DocumentReadException>(() => Jbig2Decoder.System.Decode(data, globals, 256 * 1024));
        output.WriteLine(error.Message);
        Assert.Equal(DocumentFailureKind.Corrupt, error.Kind);
        Assert.Contains("needed more than 256 KiB", error.Message);
        // The same decoder still works afterwards: the refusal freed what had been allocated.
        Assert.Equal(3296, Jbig2Decoder.System.Decode(data, globals, 64L << 20).Width);
    }

    [Fact]
    public void OcrJbig2DecoderReportsAMissingLibraryWithTheInstallHint()
    {
        var absent = new Jbig2Decoder(["libjbig2dec-absent-for-this-test.so.0"]);
        Assert.False(absent.IsAvailable);
        Assert.Null(absent.LibraryVersion);
        Assert.Contains("install libjbig2dec0", absent.UnavailableReason);
        var error = Assert.Throws<InvalidOperationException>(() => absent.Decode([0], [], 1024));
        Assert.Contains("libjbig2dec0", error.Message);
    }

    private static string? SkipReason() =>
        Jbig2Decoder.System.UnavailableReason is { } reason ? $"jbig2dec is not available: {reason}" : SharedData.MissingReason("data", "pdfs", File);

    private static (byte[] Data, byte[] Globals) ScanStreams()
    {
        using var pdf = PdfDocument.Open(SharedData.Find("data", "pdfs", File)!);
        var image = Assert.Single(pdf.GetPage(1).GetImages());
        var parms = Assert.IsType<DictionaryToken>(image.ImageDictionary.Data["DecodeParms"]);
        var globals = Assert.IsType<StreamToken>(parms.Data["JBIG2Globals"]);
        return (image.RawMemory.ToArray(), globals.Data.ToArray());
    }

    private static double BlackShare(Jbig2Bitmap bitmap)
    {
        long black = 0;
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                if (bitmap.IsBlack(x, y)) black++;
            }
        }
        return (double)black / ((long)bitmap.Width * bitmap.Height);
    }
}
