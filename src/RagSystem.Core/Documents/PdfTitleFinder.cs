namespace RagSystem.Documents;

/// <summary>A PDF's title: the metadata title when it is a real one, else the largest text on the first page with text.</summary>
internal static class PdfTitleFinder
{
    private const int MaxTitleLength = 200;

    // Authoring tools fill the metadata title with the source file's name or a placeholder.
    private static readonly string[] PlaceholderTitles = ["untitled", "title", "document", "no title", "slide 1", "powerpoint presentation"];
    private static readonly string[] SourceFileSuffixes = [".doc", ".docx", ".pdf", ".indd", ".qxd", ".ppt", ".pptx", ".xls", ".xlsx", ".tex", ".dvi", ".rtf"];

    public static string? Find(string? metadataTitle, IReadOnlyList<PdfPageLayout> pages, HashSet<PdfLine> furniture) =>
        IsRealTitle(metadataTitle) ? metadataTitle!.Trim() : LargestText(pages.FirstOrDefault(p => !p.IsEmpty), furniture);

    internal static bool IsRealTitle(string? title)
    {
        if (string.IsNullOrWhiteSpace(title)) return false;
        var trimmed = title.Trim();
        return !PlaceholderTitles.Contains(trimmed, StringComparer.OrdinalIgnoreCase)
            && !SourceFileSuffixes.Any(s => trimmed.EndsWith(s, StringComparison.OrdinalIgnoreCase))
            && !trimmed.StartsWith("Microsoft ", StringComparison.OrdinalIgnoreCase)
            && trimmed.Count(char.IsLetter) >= 3;
    }

    /// <summary>The lines set in the page's largest font (the first run of them), when that font is clearly larger than
    /// the page's usual text; null on a page set in one size.</summary>
    private static string? LargestText(PdfPageLayout? page, HashSet<PdfLine> furniture)
    {
        if (page is null) return null;
        var lines = page.Blocks.Where(b => !b.IsTable).SelectMany(b => b.Lines).Where(l => !furniture.Contains(l)).ToList();
        if (lines.Count == 0) return null;
        var sizes = lines.Select(l => l.Size).Order().ToList();
        var largest = sizes[^1];
        if (largest < 1.15 * sizes[sizes.Count / 2]) return null;
        foreach (var block in page.Blocks.Where(b => !b.IsTable))
        {
            var run = block.Lines.SkipWhile(l => l.Size < largest - 0.5).TakeWhile(l => l.Size >= largest - 0.5 && !furniture.Contains(l)).ToList();
            if (run.Count == 0) continue;
            var title = string.Join(' ', run.Select(l => l.Text)).Trim();
            if (title.Length > MaxTitleLength) title = title[..MaxTitleLength].TrimEnd();
            return title.Count(char.IsLetter) >= 3 ? title : null;
        }
        return null;
    }
}
