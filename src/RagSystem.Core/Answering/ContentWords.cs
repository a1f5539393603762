namespace RagSystem.Answering;

/// <summary>Turns text into the stemmed content words the answerer compares: lower-cased letter/digit runs,
/// stop-words removed, Porter-stemmed (ASCII words only). Words of one character are dropped, except digits (e.g. "5" in
/// "COVID-19 in 5 days"). Numbers keep their thousands separators and decimal points inside one word, without the
/// commas: "14,514" and "14514" are the same word. Chinese, Japanese and Korean text, written without spaces, becomes overlapping character bigrams.</summary>
public static class ContentWords
{
    // Stemming dominates the cost of scoring passages; words repeat, so remember stems up to a bounded vocabulary.
    private const int MaxCachedStems = 200_000;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> StemCache = new(StringComparer.Ordinal);

    /// <summary>The content-word stems of <paramref name="text"/>, in order, with repeats.</summary>
    public static List<string> Stems(string text)
    {
        var stems = new List<string>();
        foreach (var word in Words(text))
        {
            if (StopWords.Contains(word)) continue;
            if (word.Length == 1 && !char.IsDigit(word[0]) && !IsCjk(word[0])) continue;
            stems.Add(Stem(word));
        }
        return stems;
    }

    /// <summary>The Porter stem of a lower-case word, cached.</summary>
    public static string Stem(string word)
    {
        if (StemCache.TryGetValue(word, out var stem)) return stem;
        // Porter's rules are English; other scripts are compared as written.
        stem = word.All(char.IsAsciiLetter) ? PorterStemmer.Stem(word) : word;
        if (StemCache.Count < MaxCachedStems) StemCache.TryAdd(word, stem);
        return stem;
    }

    /// <summary>The distinct content-word stems of <paramref name="text"/>.</summary>
    public static HashSet<string> StemSet(string text) => new(Stems(text), StringComparer.Ordinal);

    /// <summary>All words (letter or digit runs, apostrophes inside words kept) lower-cased.</summary>
    public static IEnumerable<string> Words(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && IsCjk(text[i]))
            {
                if (start >= 0) yield return Word(text[start..i]);
                start = -1;
                var end = i;
                while (end < text.Length && IsCjk(text[end])) end++;
                if (end - i == 1) yield return text[i].ToString();
                for (var k = i; k + 1 < end; k++) yield return text.Substring(k, 2);
                i = end - 1;
                continue;
            }
            var inWord = i < text.Length && (char.IsLetterOrDigit(text[i])
                || (text[i] == '\'' && start >= 0 && i + 1 < text.Length && char.IsLetter(text[i + 1]))
                || (start >= 0 && IsInsideNumber(text, i)));
            if (inWord)
            {
                if (start < 0) start = i;
                continue;
            }
            if (start >= 0)
            {
                yield return Word(text[start..i]);
                start = -1;
            }
        }
    }

    // "14,514" is one number, the same as "14514"; "2.5" stays "2.5" rather than "2" and "5".
    private static bool IsInsideNumber(string text, int i)
    {
        if (text[i] is not (',' or '.') || !char.IsDigit(text[i - 1]) || i + 1 >= text.Length || !char.IsDigit(text[i + 1])) return false;
        if (text[i] == '.') return true;
        var digits = 0;
        while (i + 1 + digits < text.Length && char.IsDigit(text[i + 1 + digits])) digits++;
        return digits == 3;
    }

    private static string Word(string raw)
    {
        var word = raw.Replace(",", "", StringComparison.Ordinal).ToLowerInvariant();
        // Possessives match the bare noun: "model's" is "model".
        return word.EndsWith("'s", StringComparison.Ordinal) && word.Length > 2 ? word[..^2] : word;
    }

    /// <summary>Han ideographs, kana and Hangul: scripts written without spaces between words.</summary>
    private static bool IsCjk(char c) =>
        c is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF') or (>= '\u3040' and <= '\u30FF')
            or (>= '\uAC00' and <= '\uD7AF') or (>= '\uF900' and <= '\uFAFF');
}
