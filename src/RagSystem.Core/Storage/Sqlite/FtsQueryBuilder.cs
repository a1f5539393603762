using System.Globalization;
using System.Text;

namespace RagSystem.Storage.Sqlite;

/// <summary>Turns free text into a safe FTS5 query: every word becomes a double-quoted string (FTS5 syntax has no
/// meaning inside quotes) and the words are OR-ed, so BM25 ranks partial matches instead of demanding all terms.</summary>
internal static class FtsQueryBuilder
{
    /// <summary>The FTS5 MATCH expression for <paramref name="text"/>, or null when the text holds no word.</summary>
    public static string? Build(string text, bool removeStopWords)
    {
        var terms = Terms(text);
        if (terms.Count == 0) return null;
        if (removeStopWords)
        {
            var kept = terms.Where(t => !EnglishStopWords.Words.Contains(t)).ToList();
            // A query of stop-words only ("to be or not to be") still deserves an answer.
            if (kept.Count > 0) terms = kept;
        }
        var sb = new StringBuilder();
        foreach (var term in terms)
        {
            if (sb.Length > 0) sb.Append(" OR ");
            sb.Append('"').Append(term.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }
        return sb.ToString();
    }

    /// <summary>Lower-cased words: runs of letters, digits and combining marks, the characters FTS5's unicode61
    /// tokenizer keeps, so each quoted term is one token for FTS5 too.</summary>
    public static List<string> Terms(string text)
    {
        var terms = new List<string>();
        var word = new StringBuilder();
        var hasLetterOrDigit = false;
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsWordRune(rune))
            {
                word.Append(rune.ToString());
                hasLetterOrDigit |= Rune.IsLetterOrDigit(rune);
                continue;
            }
            Flush();
        }
        Flush();
        return terms;

        // A run of combining marks alone would tokenize to nothing once diacritics are removed: skip it.
        void Flush()
        {
            if (word.Length > 0 && hasLetterOrDigit) terms.Add(word.ToString().ToLowerInvariant());
            word.Clear();
            hasLetterOrDigit = false;
        }
    }

    private static bool IsWordRune(Rune rune) =>
        Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
                or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber
                or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
                or UnicodeCategory.PrivateUse => true,
            _ => false,
        };
}
