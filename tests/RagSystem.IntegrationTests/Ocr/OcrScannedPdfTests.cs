using RagSystem.Documents;
using RagSystem.Ocr;
using RagSystem.Testing;
using RagSystem.Testing.Ocr;

namespace RagSystem.IntegrationTests.Ocr;

/// <summary>The scanned PDFs in ../shared/data/pdfs read through OCR: the CCITT-G4 book chapter yields English text on
/// every page, a blank scan yields no text without an error, and the JBIG2 scan is read through the system's jbig2dec
/// (or, without it, names the encoding and the library to install).</summary>
public sealed class OcrScannedPdfTests(OcrModels models, ITestOutputHelper output) : IClassFixture<OcrModels>
{
    private DocumentReaderRegistry Registry() => DocumentReaderRegistry.CreateDefault(ocr: models.Engine, ocrOptions: new OcrOptions());

    // Three of the 18 CCITT-G4 pages keep the test short; `bench ocr-scans` reads all of them through the registry.
    [Fact]
    public void OcrReadsTheScannedBookChapterAsEnglish()
    {
        if (Skip("pdfcpu__HL1396.pdf") is { } reason) Assert.Skip(reason);
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(SharedData.Find("data", "pdfs", "pdfcpu__HL1396.pdf")!);
        var ocr = new PdfPageOcr(models.Engine);
        var pages = new[] { 1, 2, 3 }.Select(n => ocr.Read(pdf.GetPage(n), TestContext.Current.CancellationToken)).ToList();

        var words = pages.SelectMany(p => p.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToList();
        var share = EnglishWordList.Share(words);
        output.WriteLine($"{words.Count / pages.Count} words/page, {share:P1} of alphabetic words in /usr/share/dict/words, " +
            $"confidence {pages.Average(p => p.Confidence):F3}");
        output.WriteLine(pages[1].Text);
        Assert.All(pages, p => Assert.Empty(p.Undecodable));
        Assert.All(pages, p => Assert.True(p.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length >= 150, $"a page gave only: {p.Text}"));
        if (share is { } s) Assert.InRange(s, 0.85, 1.0);
    }

    [Fact]
    public async Task OcrFindsNoTextOnABlankScanAndSaysSo()
    {
        if (Skip("pdfcpu__blank-scan.pdf") is { } reason) Assert.Skip(reason);
        var error = await Assert.ThrowsAsync<DocumentReadException>(
            () => Registry().ReadAsync(SharedData.Find("data", "pdfs", "pdfcpu__blank-scan.pdf")!, TestContext.Current.CancellationToken));
        Assert.Equal(DocumentFailureKind.Empty, error.Kind);
        Assert.Contains("OCR found no text", error.Message);
    }

    // The Xerox WorkCentre page: one 3296 x 2551 JBIG2 image mask (symbol dictionary in /JBIG2Globals, text region),
    // stored sideways, with /Rotate 270 to stand it up. Decoded and turned upright it is a cartoon face whose speech bubble
    // says "It Doesn't Work?!?!?!" on three lines; nothing else is written on it.
    [Fact]
    public async Task OcrReadsTheJbig2ScanThroughJbig2dec()
    {
        if (Skip("pdfminer__pdf-with-jbig2.pdf") is { } reason) Assert.Skip(reason);
        if (Jbig2Decoder.System.UnavailableReason is { } missing) Assert.Skip($"jbig2dec is not available: {missing}");
        var document = await Registry().ReadAsync(SharedData.Find("data", "pdfs", "pdfminer__pdf-with-jbig2.pdf")!, TestContext.Current.CancellationToken);
        var section = Assert.Single(document.Sections);
        var words = section.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var share = EnglishWordList.Share(words);
        output.WriteLine($"{words.Length} words, {share:P1} of alphabetic words in /usr/share/dict/words, confidence {section.OcrConfidence:F3}");
        output.WriteLine(section.Text);
        Assert.Equal(1, section.Page);
        Assert.NotNull(section.OcrConfidence);
        Assert.Equal(["It", "Doesn't", "Work?!?!?!"], words);
        Assert.InRange(section.OcrConfidence!.Value, 0.8, 1.0);
        if (share is { } s) Assert.Equal(1.0, s);
    }

    [Fact]
    public async Task OcrNamesTheJbig2LibraryWhenItIsMissing()
    {
        if (Skip("pdfminer__pdf-with-jbig2.pdf") is { } reason) Assert.Skip(reason);
        var absent = new Jbig2Decoder(["libjbig2dec-absent-for-this-test.so.0"]);
        var reader = new PdfReader(ocr: new PdfPageOcr(models.Engine, new OcrOptions(), absent));
        await using var file = File.OpenRead(SharedData.Find("data", "pdfs", "pdfminer__pdf-with-jbig2.pdf")!);
        var error = await Assert.ThrowsAsync<DocumentReadException>(() => reader.ReadAsync(file, "pdfminer__pdf-with-jbig2.pdf", TestContext.Current.CancellationToken));
        output.WriteLine(error.Message);
        Assert.Equal(DocumentFailureKind.NoText, error.Kind);
        Assert.Contains("JBIG2Decode", error.Message);
        Assert.Contains("install libjbig2dec0", error.Message);
    }

    // The real file with the first bytes of its image stream (the segment headers) overwritten, lengths unchanged.
    [Fact]
    public async Task OcrReportsADamagedJbig2StreamAsCorrupt()
    {
        if (Skip("pdfminer__pdf-with-jbig2.pdf") is { } reason) Assert.Skip(reason);
        if (Jbig2Decoder.System.UnavailableReason is { } missing) Assert.Skip($"jbig2dec is not available: {missing}");
        var bytes = await File.ReadAllBytesAsync(SharedData.Find("data", "pdfs", "pdfminer__pdf-with-jbig2.pdf")!, TestContext.Current.CancellationToken);
        var text = System.Text.Encoding.Latin1.GetString(bytes);
        var start = text.IndexOf("stream", text.IndexOf("/JBIG2Decode", StringComparison.Ordinal), StringComparison.Ordinal) + "stream".Length;
        while (bytes[start] is (byte)'\r' or (byte)'\n') start++;
        new Random(7).NextBytes(bytes.AsSpan(start, 48));
        var error = await Assert.ThrowsAsync<DocumentReadException>(
            () => Registry().ReadAsync(new MemoryStream(bytes), "damaged-jbig2.pdf", TestContext.Current.CancellationToken));
        output.WriteLine(error.Message);
        Assert.Equal(DocumentFailureKind.Corrupt, error.Kind);
        Assert.Contains("the JBIG2 image is damaged", error.Message);
    }

    // Its images are 16 x 16 swatches (Flate, LZW, RunLength, DCT) under a "Background" label: too small to hold text,
    // so OCR skips them and the pages with a label keep it.
    [Fact]
    public async Task OcrLeavesTheImageMagickSwatchPagesAsTheirTextLayerReadsThem()
    {
        if (Skip("pypdf__imagemagick-images.pdf") is { } reason) Assert.Skip(reason);
        var document = await Registry().ReadAsync(SharedData.Find("data", "pdfs", "pypdf__imagemagick-images.pdf")!, TestContext.Current.CancellationToken);
        Assert.Equal([1, 2, 3, 6], document.Sections.Select(s => s.Page!.Value));
        Assert.All(document.Sections, s => Assert.Equal("Background", s.Text));
    }

    [Fact]
    public async Task OcrIsOffWithoutModelsAndTheReasonSaysWhereToPutThem()
    {
        if (SharedData.MissingReason("data", "pdfs", "pdfcpu__HL1396.pdf") is { } reason) Assert.Skip(reason);
        using var sessions = new Onnx.OnnxSessionFactory();
        using var empty = new TempDirectory();
        Assert.Null(PaddleOcrEngine.TryCreate(empty.Path, sessions));
        var error = await Assert.ThrowsAsync<DocumentReadException>(
            () => DocumentReaderRegistry.CreateDefault().ReadAsync(SharedData.Find("data", "pdfs", "pdfcpu__HL1396.pdf")!, TestContext.Current.CancellationToken));
        Assert.Equal(DocumentFailureKind.NoText, error.Kind);
        Assert.Contains("install the OCR models", error.Message);
    }

    private static string? Skip(string file) => OcrModels.MissingReason ?? SharedData.MissingReason("data", "pdfs", file);
}
