using System.Text.RegularExpressions;

namespace RagSystem.Chunking;

/// <summary>Finds paragraph and sentence spans in text. Rule-based on purpose: it must be fast and
/// predictable on any language, and a missed boundary only makes a unit longer, which the chunker then slices.
/// The chunker packs these spans; extractive answers quote them.</summary>
internal static partial class SentenceSplitter
{
    // A line that starts a list item ("- x", "* x", "• x", "2. x", "3) x") ends the sentence before it.
    [GeneratedRegex(@"\n(?=[ \t]*(?:[-*•]|\d+[.)])[ \t])")]
    private static partial Regex ListItemStart();

    /// <summary>The sentences of <paramref name="text"/> as strings: paragraphs, then list items, then sentences,
    /// with the line breaks inside a sentence collapsed to spaces.</summary>
    public static IReadOnlyList<string> Split(string text)
    {
        var sentences = new List<string>();
        foreach (var (ps, pe) in Paragraphs(text, 0, text.Length))
        {
            var start = ps;
            foreach (Match item in ListItemStart().Matches(text, ps).TakeWhile(m => m.Index < pe))
            {
                AddSentences(text, start, item.Index, sentences);
                start = item.Index + 1;
            }
            AddSentences(text, start, pe, sentences);
        }
        return sentences;
    }

    private static void AddSentences(string text, int from, int to, List<string> sentences)
    {
        foreach (var (ss, se) in Sentences(text, from, to))
        {
            var sentence = string.Join(' ', text[ss..se].Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
            if (sentence.Length > 0) sentences.Add(sentence);
        }
    }

    /// <summary>Spans (start, end) of paragraphs: runs of text separated by blank lines, trimmed.</summary>
    public static IEnumerable<(int Start, int End)> Paragraphs(string text, int from, int to)
    {
        var i = from;
        while (i < to)
        {
            while (i < to && char.IsWhiteSpace(text[i])) i++;
            if (i >= to) yield break;
            var start = i;
            var end = i;
            while (i < to)
            {
                if (text[i] == '\n' && IsBlankLineAhead(text, i + 1, to)) break;
                if (!char.IsWhiteSpace(text[i])) end = i + 1;
                i++;
            }
            yield return (start, end);
        }
    }

    /// <summary>Spans of sentences inside one paragraph span.</summary>
    public static IEnumerable<(int Start, int End)> Sentences(string text, int from, int to)
    {
        var start = from;
        for (var i = from; i < to; i++)
        {
            var c = text[i];
            var boundary = false;
            var next = i + 1;
            if (c is '。' or '！' or '？')
            {
                boundary = true;
            }
            else if (c is '.' or '!' or '?' or '…')
            {
                // Absorb closing quotes/brackets, then require whitespace and a plausible sentence start.
                while (next < to && text[next] is '"' or '\'' or ')' or ']' or '”' or '’') next++;
                if (next < to && char.IsWhiteSpace(text[next]))
                {
                    var k = next;
                    while (k < to && char.IsWhiteSpace(text[k])) k++;
                    boundary = k >= to || !char.IsLower(text[k]);
                    if (boundary && c == '.' && IsAbbreviation(text, start, i)) boundary = false;
                }
            }
            if (!boundary) continue;
            yield return (start, next);
            start = next;
            while (start < to && char.IsWhiteSpace(text[start])) start++;
            i = start - 1;
        }
        if (start < to) yield return (start, to);
    }

    private static bool IsBlankLineAhead(string text, int i, int to)
    {
        for (; i < to; i++)
        {
            if (text[i] == '\n') return true;
            if (!char.IsWhiteSpace(text[i])) return false;
        }
        return true;
    }

    // "e.g." "Fig." "et al." and single initials ("J. Smith") are not sentence ends.
    private static bool IsAbbreviation(string text, int sentenceStart, int dot)
    {
        var w = dot;
        while (w > sentenceStart && char.IsLetter(text[w - 1])) w--;
        var word = text.AsSpan(w, dot - w);
        if (word.Length == 1) return true;
        foreach (var a in Abbreviations)
        {
            if (word.Equals(a, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return w > sentenceStart && text[w - 1] == '.'; // "e.g", "i.e"
    }

    private static readonly string[] Abbreviations = ["e", "g", "i", "al", "etc", "fig", "figs", "eq", "eqs", "vs", "cf", "no", "dr", "mr", "mrs", "ms", "prof", "sec", "approx", "resp"];
}
