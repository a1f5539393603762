using BitMiracle.LibTiff.Classic;
using RagSystem.Documents;
using RagSystem.Ocr;
using RagSystem.Testing;
using RagSystem.Testing.Ocr;
using SkiaSharp;

namespace RagSystem.IntegrationTests.Ocr;

/// <summary>Image files in a folder become documents through OCR: PNG, JPEG, WebP and BMP, and a two-page TIFF whose
/// pages keep their page numbers.</summary>
public sealed class OcrImageFileTests(OcrModels models) : IClassFixture<OcrModels>
{
    private static readonly string[] Sentence = ["Scanned invoices are searchable after optical character recognition."];

    [Theory]
    [InlineData("page.png", SKEncodedImageFormat.Png)]
    [InlineData("page.jpg", SKEncodedImageFormat.Jpeg)]
    [InlineData("page.webp", SKEncodedImageFormat.Webp)]
    [InlineData("page.bmp", SKEncodedImageFormat.Bmp)]
    public async Task OcrReadsAnImageFileAsADocument(string name, SKEncodedImageFormat format)
    {
        if (OcrModels.MissingReason is { } reason) Assert.Skip(reason);
        var fonts = TextPageRenderer.InstalledFonts();
        if (fonts.Count == 0) Assert.Skip("needs the DejaVu fonts (Debian fonts-dejavu-core)");
        var font = fonts[0];
        var page = TextPageRenderer.Render(new TextPageSpec(Sentence, font, 12, 200, HeightInches: 3));
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, name);
        await File.WriteAllBytesAsync(path, Reencode(page.Encoded, format), TestContext.Current.CancellationToken);

        var registry = DocumentReaderRegistry.CreateDefault(ocr: models.Engine);
        Assert.True(registry.CanRead(path));
        var document = await registry.ReadAsync(path, TestContext.Current.CancellationToken);

        var section = Assert.Single(document.Sections);
        Assert.Null(section.Page);
        // This test is about decoding each format; spaces are left out of the comparison because the Chinese PP-OCRv4
        // recogniser sometimes drops the spaces of a short English line (measured on the JPEG variant), a model
        // weakness the accuracy tests and the benchmark report, not a decoding one.
        static string Letters(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
        var cer = OcrErrorRates.CharacterErrorRate(Letters(page.Text), Letters(section.Text));
        Assert.True(cer <= 0.03, $"CER {cer:P1} (spaces ignored): read \"{section.Text}\" for \"{page.Text}\"");
    }

    [Fact]
    public async Task OcrReadsEachPageOfAMultiPageTiff()
    {
        if (OcrModels.MissingReason is { } reason) Assert.Skip(reason);
        var fonts = TextPageRenderer.InstalledFonts();
        if (fonts.Count == 0) Assert.Skip("needs the DejaVu fonts (Debian fonts-dejavu-core)");
        var font = fonts[0];
        string[] texts = ["The first page talks about invoices.", "The second page talks about receipts."];
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "fax.tif");
        WriteTiff(path, texts.Select(t => TextPageRenderer.Render(new TextPageSpec([t], font, 12, 200, HeightInches: 3)).Encoded).ToArray());

        var document = await DocumentReaderRegistry.CreateDefault(ocr: models.Engine).ReadAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal([1, 2], document.Sections.Select(s => s.Page!.Value));
        for (var i = 0; i < texts.Length; i++) Assert.InRange(OcrErrorRates.CharacterErrorRate(texts[i], document.Sections[i].Text), 0, 0.05);
    }

    [Fact]
    public void OcrImageFilesAreNotPickedWithoutAnEngine()
    {
        Assert.False(DocumentReaderRegistry.CreateDefault().CanRead("scan.png"));
    }

    private static byte[] Reencode(byte[] png, SKEncodedImageFormat format)
    {
        if (format == SKEncodedImageFormat.Bmp) return Bmp(png);
        using var bitmap = SKBitmap.Decode(png);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90) ?? throw new InvalidOperationException($"SkiaSharp cannot encode {format}");
        return data.ToArray();
    }

    // SkiaSharp decodes BMP but does not encode it: a 24-bit bottom-up BMP is written by hand for the test.
    private static byte[] Bmp(byte[] png)
    {
        using var bitmap = SKBitmap.Decode(png);
        var stride = (bitmap.Width * 3 + 3) & ~3;
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write((byte)'B');
        writer.Write((byte)'M');
        writer.Write(54 + stride * bitmap.Height);
        writer.Write(0);
        writer.Write(54);
        writer.Write(40);
        writer.Write(bitmap.Width);
        writer.Write(bitmap.Height);
        writer.Write((short)1);
        writer.Write((short)24);
        writer.Write(new byte[24]);
        for (var y = bitmap.Height - 1; y >= 0; y--)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var c = bitmap.GetPixel(x, y);
                writer.Write(c.Blue);
                writer.Write(c.Green);
                writer.Write(c.Red);
            }
            writer.Write(new byte[stride - bitmap.Width * 3]);
        }
        return stream.ToArray();
    }

    internal static void WriteTiff(string path, byte[][] pngPages)
    {
        using var tiff = Tiff.Open(path, "w");
        for (var p = 0; p < pngPages.Length; p++)
        {
            using var bitmap = SKBitmap.Decode(pngPages[p]);
            tiff.SetField(TiffTag.IMAGEWIDTH, bitmap.Width);
            tiff.SetField(TiffTag.IMAGELENGTH, bitmap.Height);
            tiff.SetField(TiffTag.SAMPLESPERPIXEL, 1);
            tiff.SetField(TiffTag.BITSPERSAMPLE, 8);
            tiff.SetField(TiffTag.PHOTOMETRIC, Photometric.MINISBLACK);
            tiff.SetField(TiffTag.COMPRESSION, Compression.DEFLATE);
            tiff.SetField(TiffTag.ROWSPERSTRIP, bitmap.Height);
            tiff.SetField(TiffTag.SUBFILETYPE, FileType.PAGE);
            tiff.SetField(TiffTag.PAGENUMBER, p, pngPages.Length);
            var row = new byte[bitmap.Width];
            for (var y = 0; y < bitmap.Height; y++)
            {
                for (var x = 0; x < bitmap.Width; x++) row[x] = bitmap.GetPixel(x, y).Red;
                tiff.WriteScanline(row, y);
            }
            tiff.WriteDirectory();
        }
    }
}
