using System.Text;
using AngleSharp.Dom;

namespace RagSystem.Documents;

/// <summary>Walks HTML content in document order and writes plain-text sections split at h1–h6, each with its
/// heading path; a section starts with its heading. Block elements become paragraphs, list items lines, data-table rows lines of cells joined by
/// <c>" | "</c>; whitespace is collapsed except inside <c>pre</c>.</summary>
internal sealed class HtmlSectionWriter
{
    private static readonly HashSet<string> BlockTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "ul", "ol", "dl", "dt", "dd", "table",
        "blockquote", "pre", "figure", "figcaption", "hr", "address", "details", "summary", "caption", "center", "fieldset",
        "form", "hgroup", "body", "tbody", "thead", "tfoot",
    };

    private readonly SectionListBuilder _sections = new();
    private readonly List<(int Level, string Text)> _headingPath = [];
    private readonly StringBuilder _text = new();
    private int _pendingBreak;

    /// <summary>The sections written so far.</summary>
    public IReadOnlyList<Section> Sections => _sections.Sections;

    /// <summary>Writes the content of <paramref name="root"/>.</summary>
    public void Write(INode root)
    {
        Visit(root, preformatted: false);
    }

    /// <summary>Closes the last section.</summary>
    public void Finish() => Flush();

    private void Visit(INode node, bool preformatted)
    {
        if (node is IText textNode)
        {
            AppendText(textNode.Data, preformatted);
            return;
        }
        if (node is not IElement element)
        {
            foreach (var child in node.ChildNodes) Visit(child, preformatted);
            return;
        }
        if (HtmlMainContent.IsNeverContent(element)) return;

        var tag = element.LocalName;
        if (tag.Length == 2 && tag[0] == 'h' && tag[1] is >= '1' and <= '6')
        {
            var heading = Collapse(element.TextContent);
            if (heading.Length == 0) return;
            Flush();
            var level = tag[1] - '0';
            _headingPath.RemoveAll(h => h.Level >= level);
            _headingPath.Add((level, heading));
            AppendRaw(heading);
            Break(2);
            return;
        }
        switch (tag)
        {
            case "br":
                Break(1);
                return;
            case "img":
                return;
            case "table" when IsDataTable(element):
                WriteTable(element);
                return;
            case "li" or "tr" or "dt" or "dd":
                Break(1);
                break;
        }

        var block = BlockTags.Contains(tag);
        if (block) Break(2);
        var pre = preformatted || tag is "pre" or "textarea";
        foreach (var child in element.ChildNodes) Visit(child, pre);
        if (block) Break(2);
        else if (tag is "li" or "tr" or "td" or "th") Break(tag is "td" or "th" ? 0 : 1);
        if (tag is "td" or "th") AppendText(" ", preformatted: false);
    }

    private static bool IsDataTable(IElement table) =>
        table.QuerySelector("table") is null
        && table.QuerySelectorAll("td, th").All(cell => cell.TextContent.Length <= 500);

    private void WriteTable(IElement table)
    {
        Break(2);
        foreach (var row in table.QuerySelectorAll("tr"))
        {
            var cells = row.Children.Where(c => c.LocalName is "td" or "th").Select(c => Collapse(c.TextContent)).ToList();
            if (cells.All(c => c.Length == 0)) continue;
            Break(1);
            AppendRaw(string.Join(" | ", cells));
        }
        Break(2);
    }

    private void AppendText(string data, bool preformatted)
    {
        if (preformatted)
        {
            var lines = data.ReplaceLineEndings("\n").Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (i > 0) Break(1);
                if (lines[i].Length > 0) AppendRaw(lines[i].Replace('\u00A0', ' '));
            }
            return;
        }
        var collapsed = Collapse(data, trim: false);
        if (collapsed.Length == 0) return;
        if (collapsed == " ")
        {
            if (_text.Length > 0 && _text[^1] != ' ' && _text[^1] != '\n' && _pendingBreak == 0) _text.Append(' ');
            return;
        }
        if (collapsed[0] == ' ' && (_text.Length == 0 || _text[^1] is ' ' or '\n' || _pendingBreak > 0)) collapsed = collapsed[1..];
        AppendRaw(collapsed);
    }

    private void AppendRaw(string text)
    {
        if (_pendingBreak > 0 && _text.Length > 0)
        {
            while (_text.Length > 0 && _text[^1] == ' ') _text.Length--;
            _text.Append(_pendingBreak >= 2 ? "\n\n" : "\n");
        }
        _pendingBreak = 0;
        _text.Append(text);
    }

    private void Break(int level) => _pendingBreak = Math.Max(_pendingBreak, level);

    private void Flush()
    {
        _sections.Add(_text.ToString(), null, [.. _headingPath.Select(h => h.Text)]);
        _text.Clear();
        _pendingBreak = 0;
    }

    private static string Collapse(string text, bool trim = true)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }
            if (space) builder.Append(' ');
            space = false;
            builder.Append(c);
        }
        if (space) builder.Append(' ');
        var result = builder.ToString();
        return trim ? result.Trim() : result;
    }
}
