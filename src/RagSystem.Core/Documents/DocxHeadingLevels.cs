using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace RagSystem.Documents;

/// <summary>Works out which paragraph styles are headings, and at what level, from a DOCX's style part.
/// Style ids are localised ("berschrift1"), so the style's name ("heading 1") and outline level are used,
/// following <c>basedOn</c> chains.</summary>
internal sealed class DocxHeadingLevels
{
    private readonly Dictionary<string, int?> _levels = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Style> _styles = new(StringComparer.OrdinalIgnoreCase);

    public DocxHeadingLevels(MainDocumentPart main)
    {
        var styles = main.StyleDefinitionsPart?.Styles?.Elements<Style>() ?? [];
        foreach (var style in styles)
            if (style.StyleId?.Value is { } id) _styles.TryAdd(id, style);
    }

    /// <summary>The heading level of a paragraph: 0 for a title, 1–9 for headings, null for body text.</summary>
    public int? LevelOf(Paragraph paragraph)
    {
        var properties = paragraph.ParagraphProperties;
        if (properties?.OutlineLevel?.Val?.Value is { } outline && outline < 9) return outline + 1;
        var styleId = properties?.ParagraphStyleId?.Val?.Value;
        return styleId is null ? null : StyleLevel(styleId, depth: 0);
    }

    private int? StyleLevel(string styleId, int depth)
    {
        if (_levels.TryGetValue(styleId, out var cached)) return cached;
        int? level = FromName(styleId);
        if (level is null && _styles.TryGetValue(styleId, out var style))
        {
            level = FromName(style.StyleName?.Val?.Value);
            if (level is null && style.StyleParagraphProperties?.OutlineLevel?.Val?.Value is { } outline && outline < 9)
                level = outline + 1;
            if (level is null && depth < 10 && style.BasedOn?.Val?.Value is { } parent)
                level = StyleLevel(parent, depth + 1);
        }
        _levels[styleId] = level;
        return level;
    }

    private static int? FromName(string? name)
    {
        if (string.IsNullOrEmpty(name)) return null;
        var compact = name.Replace(" ", "", StringComparison.Ordinal);
        if (compact.Equals("Title", StringComparison.OrdinalIgnoreCase)) return 0;
        if (compact.Length == 8 && compact.StartsWith("heading", StringComparison.OrdinalIgnoreCase) && char.IsAsciiDigit(compact[7]) && compact[7] != '0')
            return compact[7] - '0';
        return null;
    }
}
