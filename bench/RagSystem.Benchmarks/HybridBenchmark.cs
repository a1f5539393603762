using System.Diagnostics;
using System.Globalization;
using RagSystem.Retrieval;
using RagSystem.Storage;

namespace RagSystem.Benchmarks;

/// <summary><c>hybrid [sizes] [queries]</c>: for each size (default 5000,100000) a synthetic store with the Lucene lexical
/// engine and clustered 384-d vectors (<see cref="HybridStoreCache"/>), searched through <see cref="HybridRetriever"/>
/// (lexical and dense legs of <see cref="RetrievalOptions.CandidatesPerSide"/> each, fused by RRF, no reranker) with the
/// dense matrix as float32 (<see cref="DenseQuantization.Off"/>) and as int8 (<see cref="DenseQuantization.Int8"/>), one
/// mode after the other (both would share one Lucene index folder). Reports p50/p95 of the hybrid retrieval and of each
/// leg alone, timed in the same run query by query. Queries: the lexical benchmark's texts
/// (<see cref="SyntheticChunkCorpus.Queries"/>), each paired with a fresh draw from the stored vectors' clusters, handed to
/// the retriever by <see cref="PrecomputedEmbeddingGenerator"/> so no model time is included.</summary>
public static class HybridBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        var sizes = (args.Length > 0 ? args[0] : "5000,100000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var queryCount = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
        Console.WriteLine($"load average at start: {LoadAverage()}; {Environment.ProcessorCount} processors");
        var rows = new List<string>();
        foreach (var size in sizes)
        {
            var (database, source) = await HybridStoreCache.EnsureAsync(size);
            var texts = SyntheticChunkCorpus.Queries(queryCount);
            var vectors = texts.ToDictionary(t => t, _ => source.Next(), StringComparer.Ordinal);
            foreach (var mode in new[] { DenseQuantization.Off, DenseQuantization.Int8 })
            {
                rows.Add(await MeasureAsync(database, size, mode, vectors));
            }
        }
        Console.WriteLine();
        Console.WriteLine("| chunks | dense matrix | hybrid p50 / p95 ms | lexical leg p50 / p95 ms | dense leg p50 / p95 ms | load average |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var row in rows) Console.WriteLine(row);
        Console.WriteLine($"load average at end: {LoadAverage()}");
    }

    private static async Task<string> MeasureAsync(string database, int chunks, DenseQuantization mode, Dictionary<string, float[]> vectors)
    {
        var stopwatch = Stopwatch.StartNew();
        using var store = await SqliteChunkStore.OpenAsync(database, new SqliteStoreOptions { DenseQuantization = mode });
        var retriever = new HybridRetriever(store, new PrecomputedEmbeddingGenerator(vectors));
        var options = new RetrievalOptions();
        var texts = vectors.Keys.ToList();
        Func<string, Task>[] searches =
        [
            q => retriever.RetrieveAsync(q, options),
            q => store.SearchAsync(SearchRequest.Lexical(q, options.CandidatesPerSide)),
            q => store.SearchAsync(SearchRequest.Dense(vectors[q], options.CandidatesPerSide) with { EmbeddingModel = HybridStoreCache.ModelId }),
        ];
        // The first searches open the Lucene index and load the dense matrix; then warm up until the JIT has settled.
        var first = await retriever.RetrieveAsync(texts[0], options);
        var opened = stopwatch.Elapsed;
        if (first.Count == 0) throw new InvalidOperationException($"hybrid retrieval found nothing in {database}");
        var warmUp = Stopwatch.StartNew();
        for (var i = 0; i < 60 || warmUp.Elapsed < TimeSpan.FromSeconds(3); i++)
        {
            foreach (var search in searches) await search(texts[i % texts.Count]);
        }
        // Hybrid and its two legs take turns query by query (and which goes first), so all three see the same load.
        var times = searches.Select(_ => new List<double>(texts.Count)).ToArray();
        for (var q = 0; q < texts.Count; q++)
        {
            for (var k = 0; k < searches.Length; k++)
            {
                var which = (q + k) % searches.Length;
                var start = Stopwatch.GetTimestamp();
                await searches[which](texts[q]);
                times[which].Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }
        var load = LoadAverage();
        Console.WriteLine($"{chunks:N0} chunks, dense {mode}: opened and first search in {opened.TotalSeconds:F1} s; {texts.Count} queries; load {load}");
        var cells = times.Select(t => string.Create(CultureInfo.InvariantCulture, $"{P(t, 0.5):F2} / {P(t, 0.95):F2}"));
        var name = mode == DenseQuantization.Off ? "float32" : "int8 (oversampling 4, re-scored)";
        return $"| {chunks:N0} | {name} | {string.Join(" | ", cells)} | {load} |";
    }

    private static double P(List<double> times, double p)
    {
        var sorted = times.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
