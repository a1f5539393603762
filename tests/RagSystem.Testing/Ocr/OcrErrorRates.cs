namespace RagSystem.Testing.Ocr;

/// <summary>Character and word error rates: edit distance between OCR output and ground truth over the length of the
/// ground truth. Whitespace runs are collapsed to one space first, so line breaks are not counted as errors.</summary>
public static class OcrErrorRates
{
    /// <summary>Character error rate of <paramref name="recognized"/> against <paramref name="truth"/>.</summary>
    public static double CharacterErrorRate(string truth, string recognized)
    {
        var t = Normalize(truth);
        return t.Length == 0 ? 0 : (double)EditDistance<char>(t.ToCharArray(), Normalize(recognized).ToCharArray()) / t.Length;
    }

    /// <summary>Word error rate of <paramref name="recognized"/> against <paramref name="truth"/>.</summary>
    public static double WordErrorRate(string truth, string recognized)
    {
        var t = Words(truth);
        return t.Length == 0 ? 0 : (double)EditDistance(t, Words(recognized)) / t.Length;
    }

    private static string[] Words(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    private static string Normalize(string text) => string.Join(' ', Words(text));

    private static int EditDistance<T>(T[] a, T[] b) where T : IEquatable<T>
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1].Equals(b[j - 1]) ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
