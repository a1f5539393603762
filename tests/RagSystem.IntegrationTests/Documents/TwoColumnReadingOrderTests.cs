using System.Text;
using System.Text.RegularExpressions;
using RagSystem.Documents;
using RagSystem.Testing;

namespace RagSystem.IntegrationTests.Documents;

/// <summary>The two-column arXiv paper comes out in reading order: compared with PdfPig's expected text
/// (<c>pdfpig__2108.11480.txt</c>, letters without spaces, in reading order).</summary>
[Collection(nameof(DocumentReaderFiles))]
public sealed partial class TwoColumnReadingOrderTests(ITestOutputHelper output)
{
    private const int PieceLength = 25;

    [Fact]
    public async Task ArxivPaperFollowsTheExpectedReadingOrder()
    {
        if (SharedData.MissingReason("data", "pdfs", "pdfpig__2108.11480.pdf") is { } reason) Assert.Skip(reason);
        var document = await DocumentReaderRegistry.CreateDefault().ReadAsync(SharedData.Find("data", "pdfs", "pdfpig__2108.11480.pdf")!);
        Assert.Equal([1, 2, 3, 4, 5], document.Sections.Select(s => s.Page ?? 0));

        var actual = Normalize(string.Join("", document.Sections.Select(s => s.Text)));
        var expected = Normalize(await File.ReadAllTextAsync(SharedData.Find("data", "pdfs", "pdfpig__2108.11480.txt")!));
        var (found, inOrder, pieces) = PiecesInOrder(expected, actual);
        output.WriteLine($"expected {expected.Length} chars, extracted {actual.Length} chars");
        output.WriteLine($"{pieces} expected {PieceLength}-char pieces: {found / (double)pieces:P1} found, {inOrder / (double)pieces:P1} found in order (longest increasing run of positions)");

        Assert.True(found >= 0.90 * pieces, $"only {found}/{pieces} pieces of the expected text were extracted");
        Assert.True(inOrder >= 0.85 * pieces, $"only {inOrder}/{pieces} pieces are in reading order");
        // The abstract precedes the introduction, which precedes the left-to-right continuation across columns.
        AssertOrder(actual, "Denseretrieval,whichdescribes", "1INTRODUCTION", "Searchenginearchitecturesoftenfollow", "2DENSERETRIEVAL", "3EXPERIMENTALSETUP", "4RESULTS", "5CONCLUSIONS");
    }

    private static void AssertOrder(string text, params string[] markers)
    {
        var positions = markers.Select(m => text.IndexOf(Normalize(m), StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
    }

    // The expected text has no spaces and keeps end-of-line hyphens; ours has spaces and rejoins hyphenated words.
    // Ligature glyphs are expanded by the reader. Figure 1 embeds LaTeX source as invisible text (<latexit sha1_base64=...>...</latexit>): it has no reading order.
    private static string Normalize(string text)
    {
        text = PdfPageTextExtractor.ExpandLigatures(LatexIt().Replace(text, ""));
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
            if (!char.IsWhiteSpace(c) && c != '-') builder.Append(c);
        return builder.ToString();
    }

    private static (int Found, int InOrder, int Pieces) PiecesInOrder(string expected, string actual)
    {
        var positions = new List<int>();
        var pieces = 0;
        for (var start = 0; start + PieceLength <= expected.Length; start += PieceLength)
        {
            pieces++;
            var at = actual.IndexOf(expected.Substring(start, PieceLength), StringComparison.Ordinal);
            if (at >= 0) positions.Add(at);
        }
        return (positions.Count, LongestIncreasingRun(positions), pieces);
    }

    private static int LongestIncreasingRun(List<int> values)
    {
        var tails = new List<int>();
        foreach (var value in values)
        {
            var index = tails.BinarySearch(value);
            if (index < 0) index = ~index;
            if (index == tails.Count) tails.Add(value); else tails[index] = value;
        }
        return tails.Count;
    }

    [GeneratedRegex("<latexit.*?</latexit>", RegexOptions.Singleline)]
    private static partial Regex LatexIt();
}
