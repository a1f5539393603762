using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Markdig.Extensions.Tables;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace RagSystem.Documents;

/// <summary>Renders Markdig blocks as plain text: markup removed, code kept verbatim, list items one per line,
/// table rows as cells joined by <c>" | "</c>.</summary>
internal static partial class MarkdownPlainText
{
    /// <summary>The plain text of one block; paragraphs inside containers are separated by blank lines.</summary>
    public static string Render(Block block)
    {
        var text = new StringBuilder();
        AppendBlock(block, text, indent: "");
        return text.ToString().Trim();
    }

    /// <summary>The plain text of a run of inlines (a heading's title, a paragraph).</summary>
    public static string Inlines(ContainerInline? inlines)
    {
        var text = new StringBuilder();
        AppendInlines(inlines, text);
        return text.ToString();
    }

    private static void AppendBlock(Block block, StringBuilder text, string indent)
    {
        switch (block)
        {
            case YamlFrontMatterBlock or ThematicBreakBlock or LinkReferenceDefinitionGroup or BlankLineBlock:
                return;
            case CodeBlock code:
                Separate(text);
                text.Append(string.Join('\n', code.Lines.Lines.Take(code.Lines.Count).Select(l => l.Slice.ToString())).TrimEnd());
                return;
            case HtmlBlock html:
                var stripped = HtmlTag().Replace(string.Join('\n', html.Lines.Lines.Take(html.Lines.Count).Select(l => l.Slice.ToString())), " ");
                stripped = WebUtility.HtmlDecode(Whitespace().Replace(stripped, " ")).Trim();
                if (stripped.Length == 0) return;
                Separate(text);
                text.Append(stripped);
                return;
            case Table table:
                Separate(text);
                var rows = table.OfType<TableRow>()
                    .Select(row => string.Join(" | ", row.OfType<TableCell>().Select(c => Render(c).ReplaceLineEndings(" "))));
                text.AppendJoin('\n', rows);
                return;
            case ListBlock list:
                Separate(text);
                var first = true;
                foreach (var item in list.OfType<ListItemBlock>())
                {
                    if (!first) text.Append('\n');
                    first = false;
                    var itemText = Render(item).ReplaceLineEndings("\n" + indent + "  ");
                    text.Append(indent).Append(itemText);
                }
                return;
            case LeafBlock leaf:
                var inline = Inlines(leaf.Inline).Trim();
                if (inline.Length == 0) return;
                Separate(text);
                text.Append(inline);
                return;
            case ContainerBlock container:
                foreach (var child in container) AppendBlock(child, text, indent);
                return;
        }
    }

    private static void Separate(StringBuilder text)
    {
        if (text.Length > 0) text.Append("\n\n");
    }

    private static void AppendInlines(ContainerInline? container, StringBuilder text)
    {
        if (container is null) return;
        foreach (var inline in container)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    text.Append(literal.Content.ToString());
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
                case HtmlEntityInline entity:
                    text.Append(entity.Transcoded.ToString());
                    break;
                case LineBreakInline lineBreak:
                    text.Append(lineBreak.IsHard ? '\n' : ' ');
                    break;
                case AutolinkInline autolink:
                    text.Append(autolink.Url);
                    break;
                case HtmlInline:
                    break;
                case ContainerInline nested:
                    // Emphasis, links (their label; images their alt text) and table delimiters hold text.
                    AppendInlines(nested, text);
                    break;
            }
        }
    }

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex HtmlTag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
