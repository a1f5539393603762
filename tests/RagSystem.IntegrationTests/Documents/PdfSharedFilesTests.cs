using System.Text.RegularExpressions;
using RagSystem.Documents;
using RagSystem.Testing;

namespace RagSystem.IntegrationTests.Documents;

/// <summary>Every PDF in ../shared/data/pdfs either yields text or fails with the specific kind MANIFEST.tsv implies.</summary>
[Collection(nameof(DocumentReaderFiles))]
public sealed partial class PdfSharedFilesTests(ITestOutputHelper output)
{
    // Outcomes the MANIFEST descriptions call for; every other file must yield text. pypdf__imagemagick-images.pdf is
    // listed as image-only, but four of its pages carry a real text label ("Background"), so it yields text.
    private static readonly Dictionary<string, DocumentFailureKind[]> ExpectedFailures = new()
    {
        ["pypdf__libreoffice-writer-password.pdf"] = [DocumentFailureKind.Encrypted],
        ["pdfminer__aes-256-r6.pdf"] = [DocumentFailureKind.Encrypted],
        ["pdfminer__rc4-40.pdf"] = [DocumentFailureKind.Encrypted],
        ["qpdf__bad1.pdf"] = [DocumentFailureKind.Corrupt],
        // The registry here has no OCR engine, so this scan is NoText whether or not jbig2dec is installed; with OCR and
        // jbig2dec it yields text (OcrScannedPdfTests.OcrReadsTheJbig2ScanThroughJbig2dec).
        ["pdfminer__pdf-with-jbig2.pdf"] = [DocumentFailureKind.NoText],
        ["pdfcpu__HL1396.pdf"] = [DocumentFailureKind.NoText],
        ["pdfcpu__blank-scan.pdf"] = [DocumentFailureKind.NoText],
        ["pdfpig__EmptyPdf.pdf"] = [DocumentFailureKind.Empty, DocumentFailureKind.NoText],
        // Its catalog has no page tree ("Pages entry is null"); lenient parsing recovers one blank page.
        ["pypdf__unreadablemetadata.pdf"] = [DocumentFailureKind.Corrupt],
    };

    [Fact]
    public async Task EveryPdfYieldsTextOrFailsWithItsExpectedKind()
    {
        if (SharedData.MissingReason("data", "pdfs", "MANIFEST.tsv") is { } reason) Assert.Skip(reason);
        var folder = SharedData.Find("data", "pdfs")!;
        var registry = DocumentReaderRegistry.CreateDefault();
        var problems = new List<string>();
        int texts = 0;
        foreach (var path in Directory.GetFiles(folder, "*.pdf").Order(StringComparer.Ordinal))
        {
            var outcome = await ReadOutcome.ReadAsync(registry, path);
            output.WriteLine($"{outcome.Elapsed.TotalSeconds,6:F1}s  {outcome.File,-60} {outcome.Summary}");
            if (outcome.Document is not null) texts++;
            var expected = ExpectedFailures.GetValueOrDefault(outcome.File);
            var ok = expected is null
                ? outcome.Document is not null
                : outcome.Failure is not null && expected.Contains(outcome.Failure.Kind);
            if (!ok) problems.Add($"{outcome.File}: expected {(expected is null ? "text" : string.Join("/", expected))}, got {outcome.Summary}");
        }
        output.WriteLine($"{texts} PDFs gave text");
        Assert.Empty(problems);
    }

    [Fact]
    public async Task EncryptedPdfsOpenWithTheirManifestPassword()
    {
        if (SharedData.MissingReason("data", "pdfs", "MANIFEST.tsv") is { } reason) Assert.Skip(reason);
        var folder = SharedData.Find("data", "pdfs")!;
        var manifest = new ManifestTable(Path.Combine(folder, "MANIFEST.tsv"));
        var encrypted = manifest.Keys.Where(k => UserPassword().IsMatch(manifest.Get(k, "why_interesting"))).ToList();
        Assert.Equal(3, encrypted.Count);
        foreach (var file in encrypted)
        {
            var password = UserPassword().Match(manifest.Get(file, "why_interesting")).Groups[1].Value;
            var registry = DocumentReaderRegistry.CreateDefault(new PdfReaderOptions { Password = password });
            var outcome = await ReadOutcome.ReadAsync(registry, Path.Combine(folder, file));
            output.WriteLine($"{file} with \"{password}\": {outcome.Summary}");
            Assert.NotNull(outcome.Document);
            Assert.Equal(1, outcome.Document.Sections[0].Page);

            var wrong = DocumentReaderRegistry.CreateDefault(new PdfReaderOptions { Password = "not-the-password" });
            var refused = await ReadOutcome.ReadAsync(wrong, Path.Combine(folder, file));
            Assert.Equal(DocumentFailureKind.Encrypted, refused.Failure?.Kind);
        }
    }

    [Fact]
    public async Task EmptyUserPasswordPdfsAreReadWithoutAPassword()
    {
        foreach (var file in new[] { "pdfminer__dmca.pdf", "pdfminer__kampo.pdf" })
        {
            if (SharedData.MissingReason("data", "pdfs", file) is { } reason) Assert.Skip(reason);
            var document = await DocumentReaderRegistry.CreateDefault().ReadAsync(SharedData.Find("data", "pdfs", file)!);
            output.WriteLine($"{file}: {document.Sections.Count} pages with text, {document.TextLength} chars");
            Assert.True(document.TextLength > 100);
        }
    }

    [Fact]
    public async Task ScannedPdfSaysOcrIsNotSupported()
    {
        if (SharedData.MissingReason("data", "pdfs", "pdfcpu__HL1396.pdf") is { } reason) Assert.Skip(reason);
        var error = await Assert.ThrowsAsync<DocumentReadException>(
            () => DocumentReaderRegistry.CreateDefault().ReadAsync(SharedData.Find("data", "pdfs", "pdfcpu__HL1396.pdf")!));
        Assert.Equal(DocumentFailureKind.NoText, error.Kind);
        Assert.Contains("no extractable text on 18 page", error.Message);
        Assert.Contains("install the OCR models", error.Message);
    }

    [Fact]
    public async Task LigatureGlyphsComeOutAsLetters()
    {
        if (SharedData.MissingReason("data", "pdfs", "pdfjs__copy_paste_ligatures.pdf") is { } reason) Assert.Skip(reason);
        var document = await DocumentReaderRegistry.CreateDefault().ReadAsync(SharedData.Find("data", "pdfs", "pdfjs__copy_paste_ligatures.pdf")!);
        output.WriteLine(document.Sections[0].Text);
        Assert.Contains("ffffiflffifflstst", document.Sections[0].Text);
    }

    [GeneratedRegex("user pw \"([^\"]+)\"")]
    private static partial Regex UserPassword();
}
