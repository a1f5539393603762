using System.Text;
using RagSystem.Documents;

namespace RagSystem.Core.Tests.Documents;

public sealed class PlainTextReaderTests
{
    [Fact]
    public async Task ParagraphsAreGroupedIntoSectionsWithExactOffsets()
    {
        var paragraphs = Enumerable.Range(0, 60).Select(i => $"Paragraph {i}\n   indented line of paragraph {i} " + new string('x', 150)).ToList();
        var source = string.Join("\r\n\r\n\f\r\n", paragraphs) + "\r\n";
        var document = await new PlainTextReader().ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(source)), "rfc.txt", TestContext.Current.CancellationToken);

        Assert.True(document.Sections.Count > 1);
        Assert.All(document.Sections, s => Assert.True(s.Text.Length < PlainTextReader.TargetSectionChars + 300));
        Assert.Equal(string.Join("\n\n", paragraphs), DocumentAssertions.AllText(document));
        DocumentAssertions.OffsetsAreConsistent(document);
    }

    [Fact]
    public async Task InvalidUtf8FallsBackToLatin1()
    {
        var bytes = Encoding.Latin1.GetBytes("Café crème brûlée");
        var document = await new PlainTextReader().ReadAsync(new MemoryStream(bytes), "menu.txt", TestContext.Current.CancellationToken);
        Assert.Equal("Café crème brûlée", document.Sections[0].Text);
    }

    [Fact]
    public async Task ByteOrderMarkSelectsTheEncoding()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("Grüße aus Köln")).ToArray();
        var document = await new PlainTextReader().ReadAsync(new MemoryStream(bytes), "utf16.txt", TestContext.Current.CancellationToken);
        Assert.Equal("Grüße aus Köln", document.Sections[0].Text);
    }

    [Fact]
    public async Task EmptyAndBlankFilesAreEmpty()
    {
        foreach (var bytes in new[] { Array.Empty<byte>(), "  \n\n\t \n"u8.ToArray() })
        {
            var error = await Assert.ThrowsAsync<DocumentReadException>(() =>
                new PlainTextReader().ReadAsync(new MemoryStream(bytes), "blank.txt", TestContext.Current.CancellationToken));
            Assert.Equal(DocumentFailureKind.Empty, error.Kind);
        }
    }
}
