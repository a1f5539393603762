using System.Text;
using RagSystem.Documents;
using static RagSystem.Core.Tests.Documents.DocxBuilder;

namespace RagSystem.Core.Tests.Documents;

public sealed class DocxReaderTests
{
    [Fact]
    public async Task HeadingsTablesTrackedChangesTextBoxesAndFootnotesAreRead()
    {
        var bytes = Build((main, body) =>
        {
            AddLocalisedHeadingStyle(main, "berschrift2", 2);
            body.Append(
                Para("Report", "Title"),
                Para("Opening words."),
                Para("Background", "Heading1"),
                TrackedChanges("Kept ", "inserted", " deleted"),
                Para("Details", "berschrift2"),
                Table(["Name", "Value"], ["a", "1"]),
                WithTextBox("Around the box.", "Inside the box"),
                Para("Results", "Heading1"));
            AddFootnote(main, body, "Claim.", "Source of the claim.");
        });

        var document = await new DocxReader().ReadAsync(new MemoryStream(bytes), "report.docx", TestContext.Current.CancellationToken);
        var text = DocumentAssertions.AllText(document);

        Assert.Equal(
            [["Report"], ["Report", "Background"], ["Report", "Background", "Details"], ["Report", "Results"], ["Footnotes"]],
            document.Sections.Select(s => s.HeadingPath.ToArray()));
        Assert.Equal("Report\n\nOpening words.", document.Sections[0].Text);
        Assert.Contains("Kept inserted", text);
        Assert.DoesNotContain("deleted", text);
        Assert.Contains("Name | Value\n\nName: a | Value: 1", document.Sections[2].Text);
        Assert.Equal("Report", document.Title);
        Assert.Contains("Around the box.\n\nInside the box", document.Sections[2].Text);
        Assert.Equal("Source of the claim.", document.Sections[^1].Text);
        Assert.All(document.Sections, s => Assert.Null(s.Page));
        DocumentAssertions.OffsetsAreConsistent(document);
    }

    [Fact]
    public async Task TableRowsAreSeparateSentencesThatNameTheirColumns()
    {
        var bytes = Build((_, body) => body.Append(
            Para("Methods", "Heading1"),
            Table(["Method", "Weights trained", "Memory"], ["Full fine-tuning", "All of them", "High"], ["LoRA", "Low-rank adapters", ""])));

        var document = await new DocxReader().ReadAsync(new MemoryStream(bytes), "t.docx", TestContext.Current.CancellationToken);
        var sentences = RagSystem.Chunking.SentenceSplitter.Split(document.Sections[0].Text);

        Assert.Equal(
            ["Methods", "Method | Weights trained | Memory", "Method: Full fine-tuning | Weights trained: All of them | Memory: High",
                "Method: LoRA | Weights trained: Low-rank adapters"],
            sentences);
        Assert.Equal("Methods", document.Title);
    }

    [Fact]
    public async Task EmptyBodyIsEmpty()
    {
        var bytes = Build((_, body) => body.Append(Para("")));
        var error = await Assert.ThrowsAsync<DocumentReadException>(() => new DocxReader().ReadAsync(new MemoryStream(bytes), "e.docx", TestContext.Current.CancellationToken));
        Assert.Equal(DocumentFailureKind.Empty, error.Kind);
    }

    [Fact]
    public async Task TruncatedZipIsCorrupt()
    {
        var bytes = Build((_, body) => body.Append(Para(string.Concat(Enumerable.Repeat("Some text to compress. ", 200)))));
        var error = await Assert.ThrowsAsync<DocumentReadException>(() =>
            new DocxReader().ReadAsync(new MemoryStream(bytes[..(bytes.Length / 2)]), "t.docx", TestContext.Current.CancellationToken));
        Assert.Equal(DocumentFailureKind.Corrupt, error.Kind);
    }

    [Fact]
    public async Task EncryptedOfficeContainerIsEncrypted()
    {
        var error = await Assert.ThrowsAsync<DocumentReadException>(() =>
            new DocxReader().ReadAsync(new MemoryStream(OleFile(withEncryptedPackage: true)), "secret.docx", TestContext.Current.CancellationToken));
        Assert.Equal(DocumentFailureKind.Encrypted, error.Kind);
        Assert.Contains("password-protected Office document", error.Message);

        var legacy = await Assert.ThrowsAsync<DocumentReadException>(() =>
            new DocxReader().ReadAsync(new MemoryStream(OleFile(withEncryptedPackage: false)), "old.docx", TestContext.Current.CancellationToken));
        Assert.Equal(DocumentFailureKind.Unsupported, legacy.Kind);
    }

    internal static byte[] OleFile(bool withEncryptedPackage)
    {
        var bytes = new List<byte> { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };
        bytes.AddRange(new byte[504]);
        bytes.AddRange(Encoding.Unicode.GetBytes(withEncryptedPackage ? "EncryptedPackage" : "WordDocument"));
        bytes.AddRange(new byte[512]);
        return [.. bytes];
    }
}
