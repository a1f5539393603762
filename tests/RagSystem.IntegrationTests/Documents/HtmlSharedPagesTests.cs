using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using RagSystem.Documents;
using RagSystem.Testing;

namespace RagSystem.IntegrationTests.Documents;

/// <summary>On Mozilla Readability's test pages, the extracted main content recovers most words of Readability's
/// expected output (recall) and adds little boilerplate (precision). The Gutenberg novel reads as chapters.</summary>
[Collection(nameof(DocumentReaderFiles))]
public sealed partial class HtmlSharedPagesTests(ITestOutputHelper output)
{
    private const double MinRecall = 0.90;
    private const double MinPrecision = 0.80;

    [Fact]
    public async Task MainContentMatchesReadabilityExpectedText()
    {
        if (SharedData.MissingReason("data", "html") is { } reason) Assert.Skip(reason);
        var registry = DocumentReaderRegistry.CreateDefault();
        var problems = new List<string>();
        double recallSum = 0, precisionSum = 0;
        var pages = Directory.GetDirectories(SharedData.Find("data", "html")!, "readability__*").Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(pages);
        foreach (var page in pages)
        {
            var outcome = await ReadOutcome.ReadAsync(registry, Path.Combine(page, "source.html"));
            var name = Path.GetFileName(page);
            if (outcome.Document is null)
            {
                problems.Add($"{name}: {outcome.Summary}");
                continue;
            }
            var expectedHtml = await File.ReadAllTextAsync(Path.Combine(page, "expected.html"));
            var expected = Tokens(new HtmlParser().ParseDocument(expectedHtml).Body?.TextContent ?? "");
            var actual = Tokens(string.Join("\n\n", outcome.Document.Sections.Select(s => s.Text)));
            var common = CommonCount(expected, actual);
            var recall = expected.Count == 0 ? 1 : common / (double)expected.Count;
            var precision = actual.Count == 0 ? 0 : common / (double)actual.Count;
            recallSum += recall;
            precisionSum += precision;
            output.WriteLine($"{name,-36} recall {recall,6:P1}  precision {precision,6:P1}  ({expected.Count} expected / {actual.Count} extracted tokens, {outcome.Document.Sections.Count} sections, title \"{outcome.Document.Title}\")");
            if (recall < MinRecall || precision < MinPrecision) problems.Add($"{name}: recall {recall:P1}, precision {precision:P1}");
        }
        output.WriteLine($"mean recall {recallSum / pages.Count:P1}, mean precision {precisionSum / pages.Count:P1}");
        Assert.Empty(problems);
    }

    [Fact]
    public async Task GutenbergNovelIsReadWithChapterHeadings()
    {
        if (SharedData.MissingReason("data", "html", "gutenberg_1342_pride_and_prejudice", "1342-h.htm") is { } reason) Assert.Skip(reason);
        var outcome = await ReadOutcome.ReadAsync(DocumentReaderRegistry.CreateDefault(),
            SharedData.Find("data", "html", "gutenberg_1342_pride_and_prejudice", "1342-h.htm")!);
        output.WriteLine($"{outcome.Elapsed.TotalSeconds:F1}s {outcome.Summary}");
        Assert.NotNull(outcome.Document);
        var text = string.Join("\n\n", outcome.Document.Sections.Select(s => s.Text));
        Assert.Contains("is a truth universally acknowledged", text);
        Assert.True(outcome.Document.Sections.Count(s => s.HeadingPath.Any(h => h.Contains("CHAPTER", StringComparison.OrdinalIgnoreCase))) >= 50);
    }

    // Words, with each CJK character a token of its own (Chinese and Japanese pages have no spaces).
    private static List<string> Tokens(string text) =>
        [.. Token().Matches(text.ToLowerInvariant()).Select(m => m.Value)];

    private static int CommonCount(List<string> expected, List<string> actual)
    {
        var counts = actual.GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());
        var common = 0;
        foreach (var token in expected)
        {
            if (counts.TryGetValue(token, out var left) && left > 0)
            {
                counts[token] = left - 1;
                common++;
            }
        }
        return common;
    }

    [GeneratedRegex(@"[\u3040-\u30FF\u3400-\u9FFF\uF900-\uFAFF]|[\p{L}\p{M}\p{N}]+")]
    private static partial Regex Token();
}
