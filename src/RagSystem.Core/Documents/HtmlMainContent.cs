using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace RagSystem.Documents;

/// <summary>Finds the main content of a web page: boilerplate (navigation, headers, footers, sidebars, scripts,
/// forms, hidden parts) is removed, then <c>main</c>, <c>[role=main]</c> or <c>article</c> is used when it holds
/// most of the text, else the element with the densest paragraph text, scored the way Readability does.</summary>
internal static partial class HtmlMainContent
{
    private const string NeverContentSelector =
        "script, style, noscript, template, iframe, svg, canvas, object, embed, button, select, input, textarea, dialog, " +
        "nav, aside, menu, [hidden], [aria-hidden=true], [role=navigation], [role=banner], [role=contentinfo], " +
        "[role=complementary], [role=search], [role=dialog], [role=menu], [role=menubar]";

    /// <summary>Whether an element is never part of the text (scripts, navigation, hidden parts).</summary>
    public static bool IsNeverContent(IElement element) =>
        element.Matches(NeverContentSelector)
        || (element.GetAttribute("style") is { } style && DisplayNone().IsMatch(style));

    /// <summary>Removes boilerplate from <paramref name="document"/> and returns the elements holding its main content,
    /// in document order.</summary>
    public static IReadOnlyList<IElement> Locate(IDocument document)
    {
        var body = document.Body ?? document.DocumentElement;
        Prune(body);
        var bodyLength = TextLength(body);
        if (bodyLength == 0) return [body];

        var landmark = body.QuerySelectorAll("main, [role=main], article")
            .OrderByDescending(TextLength)
            .FirstOrDefault();
        // A landmark holding a small share of the text is a teaser or a comment, not the page's content.
        if (landmark is not null && TextLength(landmark) >= 0.4 * bodyLength) return [landmark];

        return DensestContent(body) is { } top ? WithRelatedSiblings(top) : [body];
    }

    private static void Prune(IElement body)
    {
        var pageLength = TextLength(body);
        foreach (var element in body.QuerySelectorAll("*").ToList())
        {
            if (element.Parent is null) continue;
            if (IsNeverContent(element) || IsPageChrome(element)) element.Remove();
            // A container holding a large part of the page is content whatever its class says ("shared-history").
            else if (IsUnlikelyCandidate(element) && TextLength(element) < 0.3 * pageLength) element.Remove();
        }
        var bodyLength = TextLength(body);
        // Whole pages are sometimes wrapped in one <form> (ASP.NET); only small forms are boilerplate.
        foreach (var form in body.QuerySelectorAll("form").ToList())
            if (TextLength(form) < 0.5 * bodyLength) form.Remove();
    }

    // Headers and footers inside an article or main belong to it (bylines, dates); page-level ones are chrome.
    private static bool IsPageChrome(IElement element) =>
        element.LocalName is "header" or "footer" && element.Closest("article, main, [role=main]") is null;

    // Only layout containers are judged by class and id: a class such as "CtxtMenu_Attached" on a MathJax formula
    // or "headerlink" on an anchor says nothing about the text inside.
    private static bool IsUnlikelyCandidate(IElement element)
    {
        if (element.LocalName is not ("div" or "section" or "ul" or "ol" or "dl" or "span" or "figure")
            || element.Closest("table, pre, code") is not null)
            return false;
        var signature = $"{element.ClassName} {element.Id}";
        return signature.Length > 1 && Unlikely().IsMatch(signature) && !MaybeCandidate().IsMatch(signature);
    }

    private static IElement? DensestContent(IElement body)
    {
        var scores = new Dictionary<IElement, double>();
        foreach (var paragraph in body.QuerySelectorAll("p, pre, td, blockquote, dd, li, div, section"))
        {
            if (paragraph.LocalName is "div" or "section" or "li" && paragraph.QuerySelector("p, div, section, table, ul, ol, pre, blockquote") is not null)
                continue;
            var text = paragraph.TextContent.Trim();
            if (text.Length < 25) continue;
            var score = 1 + text.Count(c => c is ',' or '，' or '、' or '。') + Math.Min(text.Length / 100.0, 3);
            var ancestor = paragraph.ParentElement;
            for (var level = 0; ancestor is not null && level < 5; level++, ancestor = ancestor.ParentElement)
            {
                if (!scores.ContainsKey(ancestor)) scores[ancestor] = InitialScore(ancestor);
                scores[ancestor] += score / (level == 0 ? 1 : level == 1 ? 2 : level * 3);
            }
        }
        return scores
            .Select(s => (Element: s.Key, Score: s.Value * (1 - LinkDensity(s.Key))))
            .OrderByDescending(s => s.Score)
            .Select(s => s.Element)
            .FirstOrDefault();
    }

    private static IReadOnlyList<IElement> WithRelatedSiblings(IElement top)
    {
        if (top.ParentElement is not { } parent) return [top];
        var topLength = TextLength(top);
        var kept = new List<IElement>();
        foreach (var sibling in parent.Children)
        {
            if (sibling == top) { kept.Add(sibling); continue; }
            var length = TextLength(sibling);
            var density = LinkDensity(sibling);
            // Readability keeps siblings that are substantial prose of their own (continuation of the article).
            if (length >= 0.2 * topLength && density < 0.25 || sibling.LocalName == "p" && length > 80 && density < 0.25)
                kept.Add(sibling);
        }
        return kept;
    }

    private static double InitialScore(IElement element)
    {
        var score = element.LocalName switch
        {
            "div" or "article" or "main" => 5,
            "pre" or "td" or "blockquote" => 3,
            "address" or "ol" or "ul" or "dl" or "dd" or "dt" or "li" or "form" => -3,
            "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "th" => -5,
            _ => 0,
        };
        var signature = $"{element.ClassName} {element.Id}";
        if (Positive().IsMatch(signature)) score += 25;
        if (Negative().IsMatch(signature)) score -= 25;
        return score;
    }

    private static double LinkDensity(IElement element)
    {
        var length = TextLength(element);
        if (length == 0) return 0;
        var linkLength = element.QuerySelectorAll("a").Sum(a => a.TextContent.Trim().Length);
        return Math.Min(1, (double)linkLength / length);
    }

    private static int TextLength(IElement element) => element.TextContent.Count(c => !char.IsWhiteSpace(c));

    [GeneratedRegex(@"display\s*:\s*none|visibility\s*:\s*hidden", RegexOptions.IgnoreCase)]
    private static partial Regex DisplayNone();

    [GeneratedRegex(@"-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote|cookie|newsletter", RegexOptions.IgnoreCase)]
    private static partial Regex Unlikely();

    [GeneratedRegex(@"and|article|body|column|content|main|shadow", RegexOptions.IgnoreCase)]
    private static partial Regex MaybeCandidate();

    [GeneratedRegex(@"article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story", RegexOptions.IgnoreCase)]
    private static partial Regex Positive();

    [GeneratedRegex(@"hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|foot|footer|footnote|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|tool|widget", RegexOptions.IgnoreCase)]
    private static partial Regex Negative();
}
