using System.Globalization;
using System.Text;

namespace RagSystem.Storage;

/// <summary>The lexical analyzer shared by every keyword index: the same text must give the same terms when it is
/// indexed and when it is searched. It rewrites figures so that <c>14,514</c>, <c>14514</c> and <c>$14,514</c> are one
/// term (<c>14514</c>), and splits text into lower-cased word terms the way SQLite FTS5's <c>unicode61</c> tokenizer does.
/// Stemming and stop-words are left to the index (FTS5's <c>porter</c> tokenizer) and the query builder.</summary>
public static class LexicalNormalizer
{
    /// <summary>Removes thousands separators from figures: a comma between digits that is followed by exactly three
    /// digits (<c>1,234,567.5</c> becomes <c>1234567.5</c>). Lists such as <c>1,2,3</c> or <c>2019,2020</c> are left alone.
    /// Everything else in the text is unchanged, so the result can be fed to any tokenizer.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var comma = text.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0) return text;
        StringBuilder? result = null;
        var copied = 0;
        for (; comma >= 0; comma = text.IndexOf(',', comma + 1))
        {
            if (!IsThousandsSeparator(text, comma)) continue;
            result ??= new StringBuilder(text.Length);
            result.Append(text, copied, comma - copied);
            copied = comma + 1;
        }
        if (result is null) return text;
        result.Append(text, copied, text.Length - copied);
        return result.ToString();
    }

    /// <summary>The text's word terms after <see cref="Normalize"/>: maximal runs of letters, digits and combining marks,
    /// lower-cased (invariant culture), in order, duplicates kept. Each term is one token for FTS5's <c>unicode61</c>.</summary>
    public static List<string> Terms(string text)
    {
        var terms = new List<string>();
        var word = new StringBuilder();
        var hasLetterOrDigit = false;
        Span<char> utf16 = stackalloc char[2];
        foreach (var rune in Normalize(text).EnumerateRunes())
        {
            if (IsWordRune(rune))
            {
                // Encoded in place: rune.ToString() allocated a string per character of every indexed text.
                word.Append(utf16[..rune.EncodeToUtf16(utf16)]);
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

    /// <summary>The term with accents removed (<c>café</c> → <c>cafe</c>), as FTS5's <c>remove_diacritics</c> folds it;
    /// for indexes that do not fold accents themselves (client-side sparse vectors).</summary>
    public static string FoldDiacritics(string term)
    {
        ArgumentNullException.ThrowIfNull(term);
        var decomposed = term.Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) folded.Append(c);
        }
        return folded.ToString().Normalize(NormalizationForm.FormC);
    }

    private static bool IsThousandsSeparator(string text, int comma)
    {
        if (comma == 0 || !char.IsAsciiDigit(text[comma - 1])) return false;
        for (var i = 1; i <= 3; i++)
        {
            if (comma + i >= text.Length || !char.IsAsciiDigit(text[comma + i])) return false;
        }
        // "1,2345" is not a grouped figure: the group after the comma must end after three digits.
        return comma + 4 >= text.Length || !char.IsAsciiDigit(text[comma + 4]);
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
