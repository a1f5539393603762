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
/// Pass <c>--no-scaling</c> to skip that comparison, <c>--build-only</c> to only write the cached stores.</summary>
public static class DenseQuantizationBenchmark
{
    private static readonly int[] Oversamplings = [1, 2, 4, 8];

    public static async Task RunAsync(string[] args)
    {
        var positional = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        var sizes = positional.Length > 0 ? positional[0].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray() : [5_000, 100_000];
        var queryCount = positional.Length > 1 ? int.Parse(positional[1], CultureInfo.InvariantCulture) : 200;
        var threads = Environment.ProcessorCount;
        if (args.Contains("--build-only"))
        {
            foreach (var size in sizes) await ClusteredStoreCache.EnsureAsync(size);
            return;
        }
        Console.WriteLine($"load average at start: {LoadAverage()}; {threads} threads");
        var measured = new List<Func<double, string>>();
        foreach (var size in sizes) measured.AddRange(await MeasureAsync(size, queryCount, threads));
        // Measured last: its 1 GiB array would otherwise blur the working-set figures of the loads.
        var bandwidth = MemoryBandwidth.Measure(1L << 30, threads);
        Console.WriteLine($"read bandwidth, {threads} threads: {bandwidth / 1e9:F1} GB/s");
        Console.WriteLine();
        Console.WriteLine("| chunks | mode | load ms (per 100k) | index MB (per 1M chunks) | working set +MB | p50 ms | p95 ms | p50 ÷ bandwidth bound | recall@10 at oversampling 1 / 2 / 4 / 8 |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var row in measured) Console.WriteLine(row(bandwidth));
        Console.WriteLine($"load average at end: {LoadAverage()}");
        if (!args.Contains("--no-scaling")) Int8ScalingComparison.Run(100_000, 100, oversampling: 4);
    }

    private static async Task<List<Func<double, string>>> MeasureAsync(int size, int queryCount, int threads)
    {
        var (path, querySource) = await ClusteredStoreCache.EnsureAsync(size);
        var queries = Enumerable.Range(0, queryCount).Select(_ => querySource.Next()).ToList();
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly");
        await connection.OpenAsync();
        var rows = new List<Func<double, string>>();

        var (exactIndex, exactLoad, exactBytes, exactWorkingSet) = await LoadAsync(connection, int.MaxValue);
        var (int8Index, int8Load, int8IndexBytes, int8WorkingSet) = await LoadAsync(connection, 0);
        var off = new SqliteStoreOptions { DenseQuantization = DenseQuantization.Off, DenseSearchThreads = threads };
        var int8 = new SqliteStoreOptions { DenseQuantization = DenseQuantization.Int8, DenseSearchThreads = threads };
        // Warm up until the JIT has surely moved the scan loops to optimised code (on a loaded machine tiering lags; a
        // first run measured float32 at 5k chunks 18x slower in its first phase than in a later one).
        var warmUp = Stopwatch.StartNew();
        for (var i = 0; i < 100 || warmUp.Elapsed < TimeSpan.FromSeconds(3); i++)
        {
            await SqliteDenseSearch.SearchAsync(connection, exactIndex, queries[i % queries.Count], 10, null, off, CancellationToken.None);
            await SqliteDenseSearch.SearchAsync(connection, int8Index, queries[i % queries.Count], 10, null, int8, CancellationToken.None);
        }
        // The two modes alternate query by query (and which goes first), so both see the same machine load.
        List<double> exactTimes = [], int8Times = [];
        var exact = new List<HashSet<long>>(queries.Count);
        for (var q = 0; q < queries.Count; q++)
        {
            if (q % 2 == 0) exact.Add(await TimeAsync(connection, exactIndex, queries[q], off, exactTimes));
            await TimeAsync(connection, int8Index, queries[q], int8, int8Times);
            if (q % 2 == 1) exact.Add(await TimeAsync(connection, exactIndex, queries[q], off, exactTimes));
        }
        // The dense leg of a hybrid search asks for Retrieval:CandidatesPerSide (100) results: 400 re-scored when int8.
        List<double> exact100 = [], int8Top100 = [];
        for (var q = 0; q < queries.Count; q++)
        {
            if (q % 2 == 0) await TimeAsync(connection, exactIndex, queries[q], off, exact100, top: 100);
            await TimeAsync(connection, int8Index, queries[q], int8, int8Top100, top: 100);
            if (q % 2 == 1) await TimeAsync(connection, exactIndex, queries[q], off, exact100, top: 100);
        }
        exact100.Sort();
        int8Top100.Sort();
        Console.WriteLine($"{size:N0} chunks, top 100 (hybrid's dense leg): float32 p50 {P(exact100, 0.5):F2} / p95 {P(exact100, 0.95):F2} ms; " +
            $"int8 p50 {P(int8Top100, 0.5):F2} / p95 {P(int8Top100, 0.95):F2} ms");
        var recalls = new List<double>();
        foreach (var oversampling in Oversamplings)
        {
            var options = new SqliteStoreOptions { DenseQuantization = DenseQuantization.Int8, QuantizedOversampling = oversampling, DenseSearchThreads = threads };
            var found = 0;
            for (var q = 0; q < queries.Count; q++)
            {
                var hits = await SqliteDenseSearch.SearchAsync(connection, int8Index, queries[q], 10, null, options, CancellationToken.None);
                found += hits.Count(h => exact[q].Contains(h.RowId));
            }
            recalls.Add(found / (10.0 * queries.Count));
        }
        exactTimes.Sort();
        int8Times.Sort();
        // Bytes one pass must read: the float32 rows; the int8 codes plus one scale per row.
        double floatBytes = (double)size * ClusteredStoreCache.Dimension * sizeof(float), int8Bytes = (double)size * (ClusteredStoreCache.Dimension + sizeof(float));
        var recallText = string.Join(" / ", recalls.Select(r => r.ToString("F4", CultureInfo.InvariantCulture)));
        rows.Add(bandwidth => Row(size, "float32 (exact)", exactLoad, exactBytes, exactWorkingSet, exactTimes, floatBytes / bandwidth * 1e3, ""));
        rows.Add(bandwidth => Row(size, $"int8, oversampling {int8.QuantizedOversampling}", int8Load, int8IndexBytes, int8WorkingSet, int8Times, int8Bytes / bandwidth * 1e3, recallText));
        GC.KeepAlive(exactIndex);

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

    private static async Task<HashSet<long>> TimeAsync(SqliteConnection connection, DenseVectorIndex index, float[] query, SqliteStoreOptions options, List<double> times,
        int top = 10)
    {
        var start = Stopwatch.GetTimestamp();
        var result = await SqliteDenseSearch.SearchAsync(connection, index, query, top, null, options, CancellationToken.None);
        times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        return result.Select(h => h.RowId).ToHashSet();
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
