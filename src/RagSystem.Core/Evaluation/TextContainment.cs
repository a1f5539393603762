using System.Text;

namespace RagSystem.Evaluation;

/// <summary>Whether one text contains another as a reader would judge it: case, spacing, punctuation around words and
/// thousands separators do not matter (<c>"$14,514"</c> is found in <c>"14514 million"</c>).</summary>
public static class TextContainment
{
    /// <summary>True when <paramref name="needle"/> (normalised) occurs in <paramref name="haystack"/> (normalised).</summary>
    public static bool Contains(string haystack, string needle)
    {
        var n = Normalize(needle);
        return n.Length > 0 && (" " + Normalize(haystack) + " ").Contains(" " + n + " ", StringComparison.Ordinal);
    }

    /// <summary>Lower-case words (letters and digits; "14,514" and "2.5" kept whole, without the comma) separated by single spaces.</summary>
    public static string Normalize(string text)
    {
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var insideNumber = c is ',' or '.' && i > 0 && i + 1 < text.Length && char.IsDigit(text[i - 1]) && char.IsDigit(text[i + 1]);
            if (char.IsLetterOrDigit(c)) result.Append(char.ToLowerInvariant(c));
            else if (insideNumber && c == '.') result.Append('.');
            else if (!insideNumber && result.Length > 0 && result[^1] != ' ') result.Append(' ');
        }
        return result.ToString().Trim();
    }
}
