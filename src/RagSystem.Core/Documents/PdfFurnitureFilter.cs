using System.Text;
using System.Text.RegularExpressions;

namespace RagSystem.Documents;

/// <summary>Finds page furniture: running headers and footers (a line in the top or bottom margin whose text, digits
/// aside, recurs at the same height on another page) and page-number lines (<c>7</c>, <c>Page 2</c>, <c>- 3 -</c>,
/// <c>Page 2 of 4</c>, <c>iv</c>) in those margins. They repeat on every page, so left in they would dominate BM25
/// statistics, embeddings and quotes while saying nothing about the content.</summary>
internal static partial class PdfFurnitureFilter
{
    // Share of the page height at the top and at the bottom where headers and footers sit (about 1.3 in on Letter).
    private const double MarginShare = 0.12;

    // Two copies of a running header sit at the same height give or take this many points.
    private const double PositionTolerance = 4;

    // Keys have their digits masked as "0": "Page 0 of 0", "- 0 -", "0", "xiv".
    [GeneratedRegex(@"^[\W_]*(page\s*)?(0|[ivx]{1,6})(\s*(of|/)\s*0)?[\W_]*$", RegexOptions.IgnoreCase)]
    private static partial Regex PageNumber();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();

    // The number itself in a page-number line's own text ("Page 12 of 40" → 12, "- xiv -" → xiv).
    [GeneratedRegex(@"^[\W_]*(?:page\s*)?(\d+|[ivx]{1,6})\b", RegexOptions.IgnoreCase)]
    private static partial Regex PrintedNumber();

    [GeneratedRegex(@"^(?:[-*•▪◦‣–]|\d{1,2}[.)])\s")]
    private static partial Regex ListItemStart();

    /// <summary>The furniture lines of the document's pages (by reference).</summary>
    public static HashSet<PdfLine> Find(IReadOnlyList<PdfPageLayout> pages)
    {
        var furniture = new HashSet<PdfLine>(ReferenceEqualityComparer.Instance);
        var candidates = new Dictionary<string, List<(int Page, PdfLine Line)>>(StringComparer.Ordinal);
        foreach (var page in pages)
        {
            foreach (var line in page.Blocks.SelectMany(b => b.Lines))
            {
                if (!InMargin(line, page.Height)) continue;
                var key = Key(line.Text);
                if (PageNumber().IsMatch(key))
                {
                    furniture.Add(line);
                    continue;
                }
                if (!candidates.TryGetValue(key, out var list)) candidates[key] = list = [];
                list.Add((page.Number, line));
            }
        }
        var repeated = new HashSet<PdfLine>(ReferenceEqualityComparer.Instance);
        foreach (var list in candidates.Values.Where(l => l.Count > 1))
        {
            foreach (var (page, line) in list)
            {
                if (list.Any(o => o.Page != page && Math.Abs(o.Line.Bottom - line.Bottom) <= PositionTolerance)) repeated.Add(line);
            }
        }
        // A page whose every line recurs elsewhere ("potato 7" alone on each page) is content repeated by design, not
        // furniture around content: its lines stay.
        foreach (var page in pages)
        {
            var lines = page.Blocks.SelectMany(b => b.Lines).ToList();
            if (lines.All(l => repeated.Contains(l) || furniture.Contains(l))) repeated.ExceptWith(lines);
        }
        furniture.UnionWith(repeated);
        return furniture;
    }

    /// <summary>The page number printed in the page's margin (<c>7</c>, <c>iv</c>), read from the page-number line the filter
    /// drops; null when the page prints none.</summary>
    public static string? PrintedPageNumber(PdfPageLayout page, HashSet<PdfLine> furniture)
    {
        foreach (var line in page.Blocks.SelectMany(b => b.Lines))
        {
            if (!furniture.Contains(line) || !InMargin(line, page.Height) || !PageNumber().IsMatch(Key(line.Text))) continue;
            if (PrintedNumber().Match(line.Text.Trim()) is { Success: true } match) return match.Groups[1].Value;
        }
        return null;
    }

    /// <summary>The page's text without <paramref name="furniture"/>: paragraphs and table rows separated by blank lines,
    /// a paragraph's lines joined by spaces (a line opening a list item by a line break) with words hyphenated across a line
    /// end rejoined.</summary>
    public static string Render(PdfPageLayout page, HashSet<PdfLine> furniture)
    {
        var text = new StringBuilder();
        foreach (var block in page.Blocks)
        {
            var lines = block.Lines.Where(l => !furniture.Contains(l)).Select(l => l.Text).ToList();
            if (lines.Count == 0) continue;
            if (block.IsTable)
            {
                foreach (var row in lines) Append(text, row);
            }
            else
            {
                Append(text, JoinLines(lines));
            }
        }
        return text.ToString();
    }

    private static void Append(StringBuilder text, string paragraph)
    {
        if (paragraph.Length == 0) return;
        if (text.Length > 0) text.Append("\n\n");
        text.Append(paragraph);
    }

    private static string JoinLines(IEnumerable<string> lines)
    {
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            if (text.Length > 0)
            {
                // A word broken across lines ("retrie-" / "val") is rejoined; other line ends become spaces.
                if (text[^1] == '-' && text.Length > 1 && char.IsLetter(text[^2]) && char.IsLower(line[0]))
                    text.Length--;
                // A list item starts its own line, so sentence splitting sees where each item begins.
                else if (ListItemStart().IsMatch(line))
                    text.Append('\n');
                else
                    text.Append(' ');
            }
            text.Append(line);
        }
        return text.ToString();
    }

    private static bool InMargin(PdfLine line, double pageHeight) =>
        pageHeight > 0 && (line.Bottom >= (1 - MarginShare) * pageHeight || line.Top <= MarginShare * pageHeight);

    private static string Key(string text) => Digits().Replace(string.Join(' ', text.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries)), "0");
}
