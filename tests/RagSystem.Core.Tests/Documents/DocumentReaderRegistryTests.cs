using System.IO.Compression;
using RagSystem.Documents;
using RagSystem.Testing;

namespace RagSystem.Core.Tests.Documents;

public sealed class DocumentReaderRegistryTests
{
    private readonly DocumentReaderRegistry _registry = DocumentReaderRegistry.CreateDefault();

    [Fact]
    public void ContentDecidesBeforeTheName()
    {
        var pdf = PdfReaderTests.BuildPdf(_ => { });
        Assert.Equal("pdf", _registry.Resolve("renamed.txt", pdf)?.Format);
        Assert.Equal("docx", _registry.Resolve("renamed.bin", DocxBuilder.Build((_, b) => b.Append(DocxBuilder.Para("x"))))?.Format);
        Assert.Equal("html", _registry.Resolve("page.txt", "\uFEFF  <!DOCTYPE html><html><body>x</body></html>"u8)?.Format);
        Assert.Equal("markdown", _registry.Resolve("notes.md", "# Title\n\ntext"u8)?.Format);
        Assert.Equal("text", _registry.Resolve("README", "plain words\n"u8)?.Format);
        Assert.Equal("docx", _registry.Resolve("secret.docx", DocxReaderTests.OleFile(withEncryptedPackage: true))?.Format);
        Assert.Null(_registry.Resolve("blob.dat", new byte[] { 0, 1, 2, 3, 0, 0, 7, 8, 9 }));
        Assert.Null(_registry.Resolve("notes.txt", new byte[] { 0, 1, 2, 3, 0, 0, 7, 8, 9 }));
    }

    [Fact]
    public async Task TextWithAFewStrayNulBytesIsStillText()
    {
        // Text dumped by PDF extractors can carry the odd NUL (shared/data/pdfs/pdfpig__2108.11480.txt has three).
        var text = string.Concat(Enumerable.Repeat("Dense retrieval finds passages by meaning. ", 60));
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        bytes[100] = 0;
        bytes[900] = 0;
        Assert.Equal("text", _registry.Resolve("paper.txt", bytes)?.Format);
        var doc = await _registry.ReadAsync(new MemoryStream(bytes), "paper.txt");
        Assert.DoesNotContain('\0', string.Concat(doc.Sections.Select(s => s.Text)));
        // Dense NULs remain binary, whatever the name says.
        var binary = new byte[1000];
        Assert.Null(_registry.Resolve("data.txt", binary));
    }

    [Fact]
    public void SnifferRecognisesMagicBytes()
    {
        Assert.Equal(SniffedFormat.Pdf, ContentSniffer.Sniff("%PDF-1.7\n"u8));
        Assert.Equal(SniffedFormat.OleCompound, ContentSniffer.Sniff([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]));
        Assert.Equal(SniffedFormat.Html, ContentSniffer.Sniff("<!-- c --><html lang=en>"u8));
        Assert.Equal(SniffedFormat.Text, ContentSniffer.Sniff("Grüße\r\n"u8));
        Assert.Equal(SniffedFormat.Binary, ContentSniffer.Sniff([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D]));
        Assert.Equal(SniffedFormat.Unknown, ContentSniffer.Sniff([]));
    }

    [Fact]
    public async Task FilesAreReadByContentAndFailuresAreSpecific()
    {
        using var folder = new TempDirectory("rag-readers");
        var pdfAsText = Path.Combine(folder.Path, "paper.txt");
        await File.WriteAllBytesAsync(pdfAsText, PdfReaderTests.BuildPdf(p => p.Page.AddText("Renamed PDF text.", 10, new(50, 700), p.Font)), TestContext.Current.CancellationToken);
        var document = await _registry.ReadAsync(pdfAsText, TestContext.Current.CancellationToken);
        Assert.Equal("Renamed PDF text.", document.Sections.Single().Text);
        Assert.Equal(1, document.Sections[0].Page);

        await AssertFailsAsync(folder.WriteFile("bad1.pdf", "oops\n"), DocumentFailureKind.Corrupt, "not a PDF: the file does not start with %PDF");
        await AssertFailsAsync(folder.WriteFile("zero.md", ""), DocumentFailureKind.Empty, "empty");
        await AssertFailsAsync(folder.WriteFile("blank.txt", "\n   \n"), DocumentFailureKind.Empty, "whitespace");

        var binary = Path.Combine(folder.Path, "image.xyz");
        await File.WriteAllBytesAsync(binary, [0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0x0D, 1, 2, 3], TestContext.Current.CancellationToken);
        await AssertFailsAsync(binary, DocumentFailureKind.Unsupported, "binary");

        var zip = Path.Combine(folder.Path, "archive.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create)) archive.CreateEntry("readme.txt");
        await AssertFailsAsync(zip, DocumentFailureKind.Unsupported, "zip archive");

        var encrypted = Path.Combine(folder.Path, "secret.docx");
        await File.WriteAllBytesAsync(encrypted, DocxReaderTests.OleFile(withEncryptedPackage: true), TestContext.Current.CancellationToken);
        await AssertFailsAsync(encrypted, DocumentFailureKind.Encrypted, "password-protected");
    }

    [Fact]
    public async Task UnexpectedParserExceptionsBecomeCorrupt()
    {
        var registry = new DocumentReaderRegistry([new ThrowingReader()]);
        var error = await Assert.ThrowsAsync<DocumentReadException>(() =>
            registry.ReadAsync(new MemoryStream("plain text"u8.ToArray()), "x.txt", TestContext.Current.CancellationToken));
        Assert.Equal(DocumentFailureKind.Corrupt, error.Kind);
        Assert.Contains("parser blew up", error.Message);
    }

    [Fact]
    public async Task ReaderOutputIsCleanedOfBlankSectionsAndReOffset()
    {
        var registry = new DocumentReaderRegistry([new SloppyReader()]);
        var document = await registry.ReadAsync(new MemoryStream("x"u8.ToArray()), "x.txt", TestContext.Current.CancellationToken);
        Assert.Equal(["one", "two"], document.Sections.Select(s => s.Text));
        DocumentAssertions.OffsetsAreConsistent(document);
    }

    private async Task AssertFailsAsync(string path, DocumentFailureKind kind, string messagePart)
    {
        var error = await Assert.ThrowsAsync<DocumentReadException>(() => _registry.ReadAsync(path, TestContext.Current.CancellationToken));
        Assert.Equal(kind, error.Kind);
        Assert.Contains(messagePart, error.Message);
        Assert.Contains(Path.GetFileName(path), error.Message);
    }

    private sealed class ThrowingReader : IDocumentReader
    {
        public string Format => "text";
        public bool CanRead(string path) => true;
        public Task<Document> ReadAsync(Stream stream, string path, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("parser blew up");
    }

    private sealed class SloppyReader : IDocumentReader
    {
        public string Format => "text";
        public bool CanRead(string path) => true;
        public Task<Document> ReadAsync(Stream stream, string path, CancellationToken cancellationToken = default) =>
            Task.FromResult(new Document(path, [new Section(" one ", null, [], 5), new Section("  \n", null, [], 9), new Section("two", null, [], 99)]));
    }
}
