using System.Text;

namespace RagSystem.Benchmarks;

/// <summary>Synthetic corpus pieces: pronounceable words, Zipf-distributed word frequencies (so FTS postings lists look
/// like real text: a few huge, most tiny) and random unit vectors.</summary>
internal static class SyntheticText
{
    private static readonly string[] Syllables = ["ka", "lo", "mi", "ne", "ru", "ta", "vo", "shi", "pe", "do", "gra", "ste", "qui", "bel", "zor", "an"];

    public static string[] Words(int count, Random random)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (words.Count < count)
        {
            var sb = new StringBuilder();
            var syllables = 2 + random.Next(3);
            for (var i = 0; i < syllables; i++) sb.Append(Syllables[random.Next(Syllables.Length)]);
            words.Add(sb.ToString());
        }
        return [.. words];
    }

    /// <summary>A sampler of word ranks with P(rank r) ∝ 1 / r^s.</summary>
    public static Func<int> ZipfSampler(int count, double s, Random random)
    {
        var cumulative = new double[count];
        var total = 0.0;
        for (var r = 0; r < count; r++) cumulative[r] = total += 1.0 / Math.Pow(r + 1, s);
        return () =>
        {
            var index = Array.BinarySearch(cumulative, random.NextDouble() * total);
            return index < 0 ? Math.Min(~index, count - 1) : index;
        };
    }

    public static string Sentence(string[] words, Func<int> zipf, int length) =>
        string.Join(' ', Enumerable.Range(0, length).Select(_ => words[zipf()]));

    public static float[] UnitVector(int dimension, Random random)
    {
        var v = new float[dimension];
        var norm = 0.0;
        for (var i = 0; i < dimension; i++)
        {
            v[i] = (float)(random.NextDouble() * 2 - 1);
            norm += v[i] * v[i];
        }
        var scale = (float)(1 / Math.Sqrt(norm));
        for (var i = 0; i < dimension; i++) v[i] *= scale;
        return v;
    }
}
