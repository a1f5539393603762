namespace RagSystem.Testing.Ocr;

/// <summary>A sanity figure for OCR of real scans without ground truth: the share of alphabetic words found in Debian's
/// <c>wamerican</c> list (<c>/usr/share/dict/words</c>).</summary>
public static class EnglishWordList
{
    private const string ListPath = "/usr/share/dict/words";
    private static readonly Lazy<HashSet<string>?> Words = new(() =>
        File.Exists(ListPath) ? new HashSet<string>(File.ReadLines(ListPath), StringComparer.OrdinalIgnoreCase) : null);

    /// <summary>The share of the alphabetic words (two letters or more, surrounding punctuation removed) of
    /// <paramref name="words"/> that are in the list; null when the list is not installed.</summary>
    public static double? Share(IEnumerable<string> words)
    {
        if (Words.Value is not { } dictionary) return null;
        var alphabetic = words.Select(w => w.Trim('.', ',', ';', ':', '!', '?', '"', '\'', '(', ')', '[', ']', '“', '”', '‘', '’'))
            .Where(w => w.Length > 1 && w.All(char.IsLetter)).ToList();
        return alphabetic.Count == 0 ? 0 : alphabetic.Count(dictionary.Contains) / (double)alphabetic.Count;
    }
}
