namespace RagSystem.ApiLoad;

/// <summary>Collects request latencies and status codes of one endpoint, from many client tasks.</summary>
internal sealed class LatencyRecorder
{
    private readonly Lock _lock = new();
    private readonly List<double> _ms = [];

    public int ServerErrors { get; private set; }

    public int OtherFailures { get; private set; }

    /// <summary>Latencies of the successful requests, sorted.</summary>
    public double[] Sorted
    {
        get
        {
            lock (_lock) return [.. _ms.Order()];
        }
    }

    public void Record(double ms, int status)
    {
        lock (_lock)
        {
            if (status >= 500) ServerErrors++;
            else if (status >= 400 || status == 0) OtherFailures++;
            else _ms.Add(ms);
        }
    }

    /// <summary>The <paramref name="q"/> quantile (nearest rank) of sorted latencies; NaN when there are none.</summary>
    public static double Percentile(double[] sorted, double q) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];

    public string Summary(string name, TimeSpan duration)
    {
        var sorted = Sorted;
        return $"| {name} | {sorted.Length} | {sorted.Length / duration.TotalSeconds:F2} | {Percentile(sorted, 0.50):F1} | "
            + $"{Percentile(sorted, 0.95):F1} | {Percentile(sorted, 0.99):F1} | {ServerErrors} | {OtherFailures} |";
    }
}
