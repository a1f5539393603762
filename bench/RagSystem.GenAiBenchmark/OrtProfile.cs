using System.Text.Json;

namespace RagSystem.GenAiBenchmark;

/// <summary>What an ONNX Runtime profile (Chrome-trace JSON) says about decode steps: the time inside each
/// <c>model_run</c>, and per operator type the kernel time per step.</summary>
internal sealed class OrtProfile
{
    private OrtProfile(List<double> decodeRunMs, Dictionary<string, double> kernelMsPerStep)
    {
        DecodeRunMs = decodeRunMs;
        KernelMsPerStep = kernelMsPerStep;
    }

    /// <summary><c>model_run</c> durations of the decode steps, in order.</summary>
    public IReadOnlyList<double> DecodeRunMs { get; }

    /// <summary>Kernel time per decode step by operator type.</summary>
    public IReadOnlyDictionary<string, double> KernelMsPerStep { get; }

    /// <summary>Reads <paramref name="path"/>. Runs come in sequences of <paramref name="runsPerSequence"/> (one prefill,
    /// then decode steps); the first <paramref name="skipSequences"/> sequences (warm-up) are left out.</summary>
    public static OrtProfile Read(string path, int runsPerSequence, int skipSequences)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var runs = new List<(double Start, double End)>();
        var kernels = new List<(double Start, double Dur, string Op)>();
        foreach (var e in document.RootElement.EnumerateArray())
        {
            var category = e.TryGetProperty("cat", out var c) ? c.GetString() : null;
            var name = e.GetProperty("name").GetString() ?? "";
            var ts = e.GetProperty("ts").GetDouble();
            var dur = e.TryGetProperty("dur", out var d) ? d.GetDouble() : 0;
            if (category == "Session" && name == "model_run") runs.Add((ts, ts + dur));
            else if (category == "Node" && name.EndsWith("_kernel_time", StringComparison.Ordinal)
                     && e.TryGetProperty("args", out var args) && args.TryGetProperty("op_name", out var op))
                kernels.Add((ts, dur, op.GetString() ?? "?"));
        }
        runs.Sort();
        var decode = new List<int>();
        for (var i = skipSequences * runsPerSequence; i < runs.Count; i++)
            if (i % runsPerSequence != 0) decode.Add(i);
        var decodeSet = decode.ToHashSet();
        var byOp = new Dictionary<string, double>(StringComparer.Ordinal);
        var starts = runs.Select(r => r.Start).ToArray();
        foreach (var (start, dur, op) in kernels)
        {
            var run = Array.BinarySearch(starts, start);
            if (run < 0) run = ~run - 1;
            if (run < 0 || !decodeSet.Contains(run) || start > runs[run].End) continue;
            byOp[op] = byOp.GetValueOrDefault(op) + dur / 1000.0;
        }
        foreach (var op in byOp.Keys.ToList()) byOp[op] /= Math.Max(1, decode.Count);
        return new OrtProfile(decode.Select(i => (runs[i].End - runs[i].Start) / 1000.0).ToList(), byOp);
    }
}
