using RagSystem.Documents;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace RagSystem.Core.Tests.Documents;

public sealed class PdfReaderTests
{
    [Fact]
    public async Task PagesBecomeSectionsWithOneBasedPageNumbers()
    {
        var pdf = BuildPdf(
            page => Write(page, 50, 700, "First page text."),
            _ => { },
            page => Write(page, 50, 700, "Third page text."));

        var document = await new PdfReader().ReadAsync(new MemoryStream(pdf), "doc.pdf", TestContext.Current.CancellationToken);

        Assert.Equal([1, 3], document.Sections.Select(s => s.Page ?? 0));
        Assert.Equal("First page text.", document.Sections[0].Text);
        Assert.Equal("Third page text.", document.Sections[1].Text);
        DocumentAssertions.OffsetsAreConsistent(document);
    }

    [Fact]
    public async Task TwoColumnsAreReadColumnByColumnEvenWhenDrawnLineByLine()
    {
        // The content stream alternates left and right lines, as some generators write it; raw order would interleave.
        var pdf = BuildPdf(page =>
        {
            for (var i = 0; i < 14; i++)
            {
                Write(page, 50, 720 - i * 14, $"left column line {Word(i)} words here");
                Write(page, 330, 720 - i * 14, $"right column line {Word(i)} words here");
            }
        });

        var document = await new PdfReader().ReadAsync(new MemoryStream(pdf), "columns.pdf", TestContext.Current.CancellationToken);
        var text = document.Sections.Single().Text;

        var lastLeft = text.LastIndexOf("left column", StringComparison.Ordinal);
        var firstRight = text.IndexOf("right column", StringComparison.Ordinal);
        Assert.True(lastLeft < firstRight, $"columns interleaved:\n{text}");
        Assert.Contains("\n\n", text);
        Assert.True(text.IndexOf($"left column line {Word(0)}", StringComparison.Ordinal) < text.IndexOf($"left column line {Word(13)}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GarbageAndEmptyFilesFailWithSpecificKinds()
    {
        var garbage = await Assert.ThrowsAsync<DocumentReadException>(() =>
            new PdfReader().ReadAsync(new MemoryStream("oops\n"u8.ToArray()), "bad.pdf", TestContext.Current.CancellationToken));
        Assert.Equal(DocumentFailureKind.Corrupt, garbage.Kind);
        Assert.Contains("does not start with %PDF", garbage.Message);

        var empty = await Assert.ThrowsAsync<DocumentReadException>(() =>
            new PdfReader().ReadAsync(new MemoryStream(), "zero.pdf", TestContext.Current.CancellationToken));
        Assert.Equal(DocumentFailureKind.Empty, empty.Kind);

        var blank = await Assert.ThrowsAsync<DocumentReadException>(() =>
            new PdfReader().ReadAsync(new MemoryStream(BuildPdf(_ => { })), "blank.pdf", TestContext.Current.CancellationToken));
        Assert.Equal(DocumentFailureKind.Empty, blank.Kind);
    }

    [Fact]
    public async Task TruncatedPdfIsCorrupt()
    {
        var pdf = BuildPdf(page => Write(page, 50, 700, "Some text."));
        var error = await Assert.ThrowsAsync<DocumentReadException>(() =>
            new PdfReader().ReadAsync(new MemoryStream(pdf[..40]), "cut.pdf", TestContext.Current.CancellationToken));
        Assert.Equal(DocumentFailureKind.Corrupt, error.Kind);
    }

    [Fact]
    public async Task CancellationIsObserved()
    {
        var pdf = BuildPdf(page => Write(page, 50, 700, "Text."));
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new PdfReader().ReadAsync(new MemoryStream(pdf), "c.pdf", cts.Token));
    }

    [Fact]
    public void LigaturesAreExpanded() =>
        Assert.Equal("efficient flow offline staff", PdfPageTextExtractor.ExpandLigatures("e\uFB03cient \uFB02ow o\uFB04ine sta\uFB00"));

    private static string Word(int i) => ((char)('a' + i)).ToString() + (char)('a' + i) + "x";

    internal static byte[] BuildPdf(params Action<PageCanvas>[] pages)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        foreach (var fill in pages)
        {
            var page = builder.AddPage(612, 792);
            page.SetTextAndFillColor(0, 0, 0);
            fill(new PageCanvas(page, font));
        }
        return builder.Build();
    }

    private static void Write(PageCanvas page, double x, double y, string text) => page.Page.AddText(text, 10, new PdfPoint(x, y), page.Font);

    /// <summary>A page under construction and the font to write with.</summary>
    internal sealed record PageCanvas(PdfPageBuilder Page, PdfDocumentBuilder.AddedFont Font);
}
