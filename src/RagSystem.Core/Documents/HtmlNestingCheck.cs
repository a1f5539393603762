namespace RagSystem.Documents;

/// <summary>Refuses HTML whose elements nest deeper than <see cref="MaxDepth"/> before it is parsed: tree building costs
/// time in proportion to the depth of open elements for every tag, so 100,000 nested <c>div</c>s take minutes, and walking
/// such a tree recursively could exhaust the stack. A fast scan of the tags estimates the depth: void elements, self-closing
/// tags and elements whose end tag may be left out (<c>p</c>, <c>li</c>, <c>td</c>, …) do not count; comments and the text of
/// <c>script</c>, <c>style</c> and similar elements are skipped. Browsers cap their trees at a similar depth (512 in Chromium).</summary>
internal static class HtmlNestingCheck
{
    /// <summary>The deepest estimated nesting accepted. Generous, so untidy pages with unclosed inline tags pass.</summary>
    public const int MaxDepth = 1000;

    private static readonly HashSet<string> Uncounted = new(StringComparer.OrdinalIgnoreCase)
    {
        // Void elements.
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "keygen", "basefont", "bgsound", "frame",
        // End tag optional, or closed implicitly by the next one of their kind.
        "html", "head", "body", "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup", "caption", "option", "optgroup", "rb", "rt", "rtc", "rp",
    };

    private static readonly string[] RawText = ["script", "style", "textarea", "title", "xmp", "noscript", "iframe", "noembed", "noframes", "plaintext"];

    /// <summary>Throws <see cref="DocumentReadException"/> when <paramref name="html"/> nests too deep.</summary>
    public static void Verify(string html, string name, CancellationToken cancellationToken)
    {
        var depth = 0;
        var tags = 0;
        var i = html.IndexOf('<');
        while (i >= 0 && i + 1 < html.Length)
        {
            if ((++tags & 0xFFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
            if (html.AsSpan(i).StartsWith("<!--"))
            {
                var close = html.IndexOf("-->", i + 4, StringComparison.Ordinal);
                if (close < 0) return;
                i = html.IndexOf('<', close + 3);
                continue;
            }
            var closing = html[i + 1] == '/';
            var nameStart = closing ? i + 2 : i + 1;
            var nameEnd = nameStart;
            while (nameEnd < html.Length && (char.IsAsciiLetterOrDigit(html[nameEnd]) || html[nameEnd] is '-' or ':')) nameEnd++;
            if (nameEnd == nameStart || !char.IsAsciiLetter(html[nameStart]))
            {
                i = html.IndexOf('<', i + 1);
                continue;
            }
            var tag = html[nameStart..nameEnd];
            var tagEnd = html.IndexOf('>', nameEnd);
            if (tagEnd < 0) return;
            if (closing)
            {
                if (!Uncounted.Contains(tag) && depth > 0) depth--;
            }
            else if (Array.Exists(RawText, t => t.Equals(tag, StringComparison.OrdinalIgnoreCase)))
            {
                var close = html.IndexOf("</" + tag, tagEnd, StringComparison.OrdinalIgnoreCase);
                if (close < 0) return;
                tagEnd = close;
            }
            else if (html[tagEnd - 1] != '/' && !Uncounted.Contains(tag) && ++depth > MaxDepth)
            {
                throw new DocumentReadException(DocumentFailureKind.Corrupt,
                    $"`{name}` nests HTML elements more than {MaxDepth} deep; such nesting is not a page's structure, so the file was not parsed");
            }
            i = html.IndexOf('<', tagEnd);
        }
    }
}
