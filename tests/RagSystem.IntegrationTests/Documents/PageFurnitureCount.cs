using System.Text.RegularExpressions;
using RagSystem.Documents;

namespace RagSystem.IntegrationTests.Documents;

/// <summary>Counts page furniture left in a PDF's extracted text, from the text alone (no positions), so the same count
/// applies to any extractor: a line that carries letters and recurs about once per page on at least half of a document's
/// pages (three or more), a "Page 7" / "Page 7 of 9" line anywhere, and a bare page number ("7", "- 7 -", "xiv") as the
/// first or last line of a page. Lines are the text split at line breaks (paragraphs and table rows).</summary>
internal static partial class PageFurnitureCount
{
    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();

    [GeneratedRegex(@"^\W*page\s*0(\s*(of|/)\s*0)?\W*$", RegexOptions.IgnoreCase)]
    private static partial Regex PageLabel();

    [GeneratedRegex(@"^[\W_]*(0|[ivx]{2,5}|i|v)[\W_]*$", RegexOptions.IgnoreCase)]
    private static partial Regex BarePageNumber();

    public static int Count(Document document)
    {
        var pages = document.Sections.Select(s => s.Page).Distinct().Count();
        var lines = new List<(int? Page, bool Edge, string Key)>();
        foreach (var section in document.Sections)
        {
            var texts = section.Text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
            for (var i = 0; i < texts.Count; i++)
                lines.Add((section.Page, i == 0 || i == texts.Count - 1, Digits().Replace(texts[i].ToLowerInvariant(), "0")));
        }
        var groups = lines.GroupBy(l => l.Key).ToDictionary(g => g.Key, g => (Pages: g.Select(l => l.Page).Distinct().Count(), Lines: g.Count()));
        return lines.Count(l => PageLabel().IsMatch(l.Key) || (l.Edge && BarePageNumber().IsMatch(l.Key)) || Running(l.Key));

        bool Running(string key)
        {
            var (onPages, count) = groups[key];
            return key.Any(char.IsLetter) && pages >= 3 && onPages >= 3 && onPages * 2 >= pages && count <= onPages * 1.5;
        }
    }
}
