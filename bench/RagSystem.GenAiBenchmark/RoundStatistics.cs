using System.Globalization;

namespace RagSystem.GenAiBenchmark;

/// <summary>Median and interquartile range of a small sample (linear interpolation between order statistics).</summary>
internal readonly record struct RoundStatistics(double Median, double Q1, double Q3, double Min, double Max)
{
    public static RoundStatistics Of(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        return new RoundStatistics(Quantile(sorted, 0.5), Quantile(sorted, 0.25), Quantile(sorted, 0.75), sorted[0], sorted[^1]);
    }

    /// <summary>"median [q1–q3]" with the given format.</summary>
    public string ToString(string format) =>
        string.Create(CultureInfo.InvariantCulture, $"{Median.ToString(format, CultureInfo.InvariantCulture)} [{Q1.ToString(format, CultureInfo.InvariantCulture)}–{Q3.ToString(format, CultureInfo.InvariantCulture)}]");

    private static double Quantile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
    }
}
