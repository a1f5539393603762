using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using RagSystem.Storage;
using RagSystem.Storage.Sqlite;

namespace RagSystem.Benchmarks;

/// <summary><c>dense-int8 [sizes] [queries]</c>: for each size (default 5000,100000) a cached SQLite store of clustered 384-d
/// vectors (<see cref="ClusteredStoreCache"/>); loads its dense index as float32 and as int8, and reports per mode the load
/// time, the managed memory the index holds (measured), top-10 search p50/p95 through
/// <see cref="SqliteDenseSearch.SearchAsync"/> (int8: scan, then re-scoring from the float32 blobs), the memory-bandwidth
/// bound of one pass, recall@10 of the int8 path against the exact float32 one at oversampling 1, 2, 4 and 8, and the cost
/// of re-scoring alone. Then it compares per-vector and per-dimension int8 scales (<see cref="Int8ScalingComparison"/>).
/// Pass <c>--no-scaling</c> to skip that comparison.</summary>
public static class DenseQuantizationBenchmark
{
    private static readonly int[] Oversamplings = [1, 2, 4, 8];

    public static async Task RunAsync(string[] args)
    {
        var positional = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        var sizes = positional.Length > 0 ? positional[0].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray() : [5_000, 100_000];
        var queryCount = positional.Length > 1 ? int.Parse(positional[1], CultureInfo.InvariantCulture) : 200;
        var threads = Environment.ProcessorCount;
        Console.WriteLine($"load average at start: {LoadAverage()}; {threads} threads");
        var bandwidth = MemoryBandwidth.Measure(1L << 30, threads);
        Console.WriteLine($"read bandwidth, {threads} threads: {bandwidth / 1e9:F1} GB/s");

        var rows = new List<string>();
        foreach (var size in sizes) rows.AddRange(await MeasureAsync(size, queryCount, threads, bandwidth));
        Console.WriteLine();
        Console.WriteLine("| chunks | mode | load ms (per 100k) | index MB (per 1M chunks) | working set +MB | p50 ms | p95 ms | p50 ÷ bandwidth bound | recall@10 at oversampling 1 / 2 / 4 / 8 |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var row in rows) Console.WriteLine(row);
        Console.WriteLine($"load average at end: {LoadAverage()}");
        if (!args.Contains("--no-scaling")) Int8ScalingComparison.Run(100_000, 100, oversampling: 4);
    }

    private static async Task<List<string>> MeasureAsync(int size, int queryCount, int threads, double bandwidth)
    {
        var (path, querySource) = await ClusteredStoreCache.EnsureAsync(size);
        var queries = Enumerable.Range(0, queryCount).Select(_ => querySource.Next()).ToList();
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly");
        await connection.OpenAsync();
        var rows = new List<string>();

        var (exactIndex, exactLoad, exactBytes, exactWorkingSet) = await LoadAsync(connection, int.MaxValue);
        var off = new SqliteStoreOptions { DenseQuantization = DenseQuantization.Off, DenseSearchThreads = threads };
        var (exactTimes, exact) = await SearchAllAsync(connection, exactIndex, queries, off);
        var floatBound = (double)size * ClusteredStoreCache.Dimension * sizeof(float) / bandwidth * 1e3;
        rows.Add(Row(size, "float32 (exact)", exactLoad, exactBytes, exactWorkingSet, exactTimes, floatBound, ""));
        exactIndex = null;
        GC.Collect();
        GC.WaitForPendingFinalizers();

        var (int8Index, int8Load, int8Bytes, int8WorkingSet) = await LoadAsync(connection, 0);
        var recalls = new List<double>();
        List<double> defaultTimes = [];
        foreach (var oversampling in Oversamplings)
        {
            var options = new SqliteStoreOptions { DenseQuantization = DenseQuantization.Int8, QuantizedOversampling = oversampling, DenseSearchThreads = threads };
            var (times, hits) = await SearchAllAsync(connection, int8Index, queries, options);
            recalls.Add(hits.Select((h, q) => h.Count(exact[q].Contains)).Sum() / (10.0 * queries.Count));
            if (oversampling == new SqliteStoreOptions().QuantizedOversampling) defaultTimes = times;
        }
        var int8Bound = (double)size * (ClusteredStoreCache.Dimension + sizeof(float)) / bandwidth * 1e3;
        rows.Add(Row(size, $"int8, oversampling {new SqliteStoreOptions().QuantizedOversampling}", int8Load, int8Bytes, int8WorkingSet, defaultTimes, int8Bound,
            string.Join(" / ", recalls.Select(r => r.ToString("F4", CultureInfo.InvariantCulture)))));

        // Re-scoring alone: 40 candidates (top 10 × 4) and 400 (the retriever's 100 candidates per side × 4).
        foreach (var candidates in new[] { 40, 400 })
        {
            var times = new List<double>();
            foreach (var query in queries)
            {
                var scanned = int8Index.Search(query, candidates, null, threads);
                var start = Stopwatch.GetTimestamp();
                await SqliteDenseSearch.RescoreAsync(connection, scanned, query, 10, CancellationToken.None);
                times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
            times.Sort();
            Console.WriteLine($"{size:N0} chunks: re-scoring {candidates} candidates from SQLite p50 {P(times, 0.5):F2} ms, p95 {P(times, 0.95):F2} ms");
        }
        GC.KeepAlive(int8Index);
        return rows;
    }

    private static async Task<(DenseVectorIndex Index, double LoadMs, long ManagedBytes, long WorkingSetBytes)> LoadAsync(SqliteConnection connection, int quantizeAboveRows)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var managedBefore = GC.GetTotalMemory(forceFullCollection: true);
        var workingSetBefore = WorkingSet();
        var stopwatch = Stopwatch.StartNew();
        var index = await DenseVectorIndex.LoadAsync(connection, quantizeAboveRows, CancellationToken.None);
        var loadMs = stopwatch.Elapsed.TotalMilliseconds;
        var managed = GC.GetTotalMemory(forceFullCollection: true) - managedBefore;
        return (index, loadMs, managed, WorkingSet() - workingSetBefore);
    }

    private static async Task<(List<double> Times, List<HashSet<long>> Hits)> SearchAllAsync(SqliteConnection connection, DenseVectorIndex index, List<float[]> queries,
        SqliteStoreOptions options)
    {
        for (var i = 0; i < 5; i++) await SqliteDenseSearch.SearchAsync(connection, index, queries[i], 10, null, options, CancellationToken.None);
        var times = new List<double>(queries.Count);
        var hits = new List<HashSet<long>>(queries.Count);
        foreach (var query in queries)
        {
            var start = Stopwatch.GetTimestamp();
            var result = await SqliteDenseSearch.SearchAsync(connection, index, query, 10, null, options, CancellationToken.None);
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            hits.Add(result.Select(h => h.RowId).ToHashSet());
        }
        times.Sort();
        return (times, hits);
    }

    private static string Row(int size, string mode, double loadMs, long managedBytes, long workingSetBytes, List<double> sorted, double boundMs, string recall) =>
        $"| {size:N0} | {mode} | {loadMs:F0} ({loadMs * 100_000 / size:F0}) | {managedBytes / 1e6:F1} ({managedBytes / 1e6 * 1_000_000 / size:F0}) | " +
        $"{workingSetBytes / 1e6:F0} | {P(sorted, 0.50):F2} | {P(sorted, 0.95):F2} | {P(sorted, 0.50) / boundMs:F2} ({boundMs:F2} ms) | {recall} |";

    private static long WorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static double P(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
