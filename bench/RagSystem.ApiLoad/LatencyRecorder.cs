namespace RagSystem.ApiLoad;

/// <summary>Collects request latencies and status codes of one endpoint, from many client tasks.</summary>
internal sealed class LatencyRecorder
{
    private readonly Lock _lock = new();
    private readonly List<double> _ms = [];

    public int ServerErrors { get; private set; }

    public int OtherFailures { get; private set; }

    public void Record(double ms, int status)
    {
        lock (_lock)
        {
            if (status >= 500) ServerErrors++;
            else if (status >= 400 || status == 0) OtherFailures++;
            else _ms.Add(ms);
        }
    }

    public string Summary(string name, TimeSpan duration, out double p95)
    {
        lock (_lock)
        {
            var sorted = _ms.Order().ToArray();
            double P(double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
            p95 = P(0.95);
            return $"| {name} | {sorted.Length} | {sorted.Length / duration.TotalSeconds:F1} | {P(0.50):F1} | {P(0.95):F1} | {P(0.99):F1} | {ServerErrors} | {OtherFailures} |";
        }
    }
}
