namespace RagSystem.ApiLoad;

/// <summary>The ratio of a percentile between two samples (busy ÷ quiet) with a percentile-bootstrap 95 % interval, so a
/// ratio from few samples shows how little it pins down.</summary>
internal static class PercentileRatio
{
    public static string Describe(double[] busy, double[] quiet, double q, int resamples = 2000, int seed = 17)
    {
        if (busy.Length == 0 || quiet.Length == 0) return "n/a (no samples)";
        var ratio = LatencyRecorder.Percentile(busy, q) / LatencyRecorder.Percentile(quiet, q);
        var random = new Random(seed);
        var ratios = new double[resamples];
        for (var r = 0; r < resamples; r++)
            ratios[r] = LatencyRecorder.Percentile(Resample(busy, random), q) / LatencyRecorder.Percentile(Resample(quiet, random), q);
        Array.Sort(ratios);
        return $"{ratio:F2}× (95 % bootstrap interval {LatencyRecorder.Percentile(ratios, 0.025):F2}–{LatencyRecorder.Percentile(ratios, 0.975):F2}; "
            + $"n = {busy.Length} busy, {quiet.Length} quiet)";
    }

    private static double[] Resample(double[] sorted, Random random)
    {
        var sample = new double[sorted.Length];
        for (var i = 0; i < sample.Length; i++) sample[i] = sorted[random.Next(sorted.Length)];
        Array.Sort(sample);
        return sample;
    }
}
