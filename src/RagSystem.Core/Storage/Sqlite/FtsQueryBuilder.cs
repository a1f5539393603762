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

    /// <summary>The query's terms from <see cref="LexicalNormalizer.Terms"/>, the analyzer the index side uses too,
    /// so each quoted term is one token for FTS5 and figures match however their digits were grouped.</summary>
    public static List<string> Terms(string text) => LexicalNormalizer.Terms(text);
}
