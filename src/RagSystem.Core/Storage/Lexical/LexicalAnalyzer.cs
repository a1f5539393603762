using System.Globalization;
using System.Text;
using RagSystem.Storage.Sqlite;

namespace RagSystem.Storage.Lexical;

/// <summary>Turns text into index terms the way the SQLite store's FTS5 tokenizer (<c>porter unicode61 remove_diacritics 2</c>)
/// does: Unicode word splitting, lower case, accents folded, Porter stemming. Query terms also lose English stop-words, as
/// in <see cref="FtsQueryBuilder"/>. Stores without FTS5 (Qdrant) index these terms as sparse vectors, so the same words
/// match on both backends.</summary>
public static class LexicalAnalyzer
{
    /// <summary>Index terms of a document's text, in order, repeats kept (they are term frequencies).</summary>
    public static List<string> DocumentTerms(string text) => Analyze(FtsQueryBuilder.Terms(text));

    /// <summary>Distinct query terms, stop-words removed unless the query holds nothing else.</summary>
    public static List<string> QueryTerms(string text, bool removeStopWords = true)
    {
        var words = FtsQueryBuilder.Terms(text);
        if (removeStopWords)
        {
            var kept = words.Where(w => !EnglishStopWords.Words.Contains(w)).ToList();
            if (kept.Count > 0) words = kept;
        }
        return Analyze(words).Distinct(StringComparer.Ordinal).ToList();
    }

    // The words come from LexicalNormalizer.Terms (through FtsQueryBuilder.Terms), which already writes 14,514 / 14514 /
    // $14,514 as one term, so the Qdrant store's sparse vectors index figures exactly as the SQLite store's FTS5 does.
    private static List<string> Analyze(List<string> words)
    {
        var terms = new List<string>(words.Count);
        foreach (var word in words)
        {
            var folded = RemoveDiacritics(word);
            if (folded.Length > 0) terms.Add(PorterStemmer.Stem(folded));
        }
        return terms;
    }

    /// <summary>Folds accents as unicode61's <c>remove_diacritics 2</c>: decompose, drop the combining marks.</summary>
    internal static string RemoveDiacritics(string word)
    {
        var ascii = true;
        foreach (var c in word)
        {
            if (c > 0x7F)
            {
                ascii = false;
                break;
            }
        }
        if (ascii) return word;
        var decomposed = word.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) is not (UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark))
            {
                sb.Append(c);
            }
        }
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }
}
