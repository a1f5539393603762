using System.Diagnostics;
using System.Numerics.Tensors;

namespace RagSystem.Benchmarks;

/// <summary>Sustained read bandwidth: summing a float array far larger than the caches, on one thread and on several.</summary>
internal static class MemoryBandwidth
{
    /// <summary>Bytes per second, best of <paramref name="repeats"/> passes over <paramref name="bytes"/> bytes.</summary>
    public static double Measure(long bytes, int threads, int repeats = 7)
    {
        var data = new float[bytes / sizeof(float)];
        for (var i = 0; i < data.Length; i += 1024) data[i] = 1f; // touch every page so it is resident
        var best = double.MaxValue;
        var sink = 0f;
        for (var r = 0; r < repeats; r++)
        {
            var stopwatch = Stopwatch.StartNew();
            if (threads <= 1)
            {
                sink += TensorPrimitives.Sum<float>(data);
            }
            else
            {
                var partial = new float[threads];
                Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
                {
                    var from = (int)((long)data.Length * t / threads);
                    var to = (int)((long)data.Length * (t + 1) / threads);
                    partial[t] = TensorPrimitives.Sum<float>(data.AsSpan(from, to - from));
                });
                sink += partial.Sum();
            }
            best = Math.Min(best, stopwatch.Elapsed.TotalSeconds);
        }
        GC.KeepAlive(sink);
        return bytes / best;
    }
}
