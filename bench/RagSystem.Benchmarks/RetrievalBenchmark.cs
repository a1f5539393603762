using System.Diagnostics;
using System.Globalization;
using RagSystem.Retrieval;
using RagSystem.Storage;

namespace RagSystem.Benchmarks;

/// <summary><c>retrieval</c>: p50/p95 latency of dense, lexical and hybrid search (top 10) on a SQLite store of
/// 100,000 synthetic chunks of dimension 384, and dense latency against the memory-bandwidth bound measured in the same run.
/// Arguments: [chunks] [queries].</summary>
public static class RetrievalBenchmark
{
    private const int Dimension = 384;
    private const int ChunksPerDocument = 100;
    private const int WordsPerChunk = 60;
    private const int Vocabulary = 30_000;

    public static async Task RunAsync(string[] args)
    {
        var chunkCount = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        var queryCount = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
        var random = new Random(20261123);
        var words = SyntheticText.Words(Vocabulary, random);
        var zipf = SyntheticText.ZipfSampler(Vocabulary, 1.0, random);
        var directory = Path.Combine(Path.GetTempPath(), "rag-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            var stopwatch = Stopwatch.StartNew();
            using var store = await SqliteChunkStore.OpenAsync(Path.Combine(directory, "rag.db"));
            for (var d = 0; d * ChunksPerDocument < chunkCount; d++)
            {
                var path = $"synthetic/doc{d:D5}.txt";
                var id = DocumentIds.ForPath(path);
                var chunks = Enumerable.Range(0, Math.Min(ChunksPerDocument, chunkCount - d * ChunksPerDocument)).Select(i =>
                {
                    var text = SyntheticText.Sentence(words, zipf, WordsPerChunk);
                    return new ChunkRecord(DocumentIds.ChunkId(id, "h", i), id, i, text, WordsPerChunk, null, null, [], 0, text.Length, "random", SyntheticText.UnitVector(Dimension, random));
                }).ToList();
                await store.UpsertDocumentAsync(new DocumentRecord(id, path, "h", 0, "text", chunks.Count, "random", DateTimeOffset.UtcNow), chunks);
            }
            Console.WriteLine($"store: {chunkCount:N0} chunks x {Dimension} dims, written in {stopwatch.Elapsed.TotalSeconds:F1} s");

            var queries = Enumerable.Range(0, queryCount).Select(_ => SyntheticText.Sentence(words, zipf, 6)).Distinct().ToList();
            var vectors = queries.ToDictionary(q => q, _ => SyntheticText.UnitVector(Dimension, random));
            stopwatch.Restart();
            await store.SearchAsync(SearchRequest.Dense(vectors[queries[0]], 10));
            Console.WriteLine($"vector cache loaded in {stopwatch.Elapsed.TotalMilliseconds:F0} ms");

            var retriever = new HybridRetriever(store, new PrecomputedEmbeddingGenerator(vectors));
            var dense = await TimeAsync(queries, q => store.SearchAsync(SearchRequest.Dense(vectors[q], 10)));
            var lexical = await TimeAsync(queries, q => store.SearchAsync(SearchRequest.Lexical(q, 10)));
            var hybrid = await TimeAsync(queries, q => retriever.RetrieveAsync(q, new RetrievalOptions { Top = 10 }));

            var matrixBytes = (double)chunkCount * Dimension * sizeof(float);
            var single = MemoryBandwidth.Measure(1L << 30, 1);
            var multi = MemoryBandwidth.Measure(1L << 30, Environment.ProcessorCount);
            var bound = matrixBytes / multi * 1000;
            Console.WriteLine();
            Console.WriteLine($"| search (top 10, {queries.Count} queries) | p50 ms | p95 ms |");
            Console.WriteLine("|---|---|---|");
            Print("dense (exact, store)", dense);
            Print("lexical (Lucene BM25, the store default)", lexical);
            Print("hybrid (100 candidates per side, RRF)", hybrid);
            Console.WriteLine();
            Console.WriteLine($"read bandwidth: {single / 1e9:F2} GB/s on 1 thread, {multi / 1e9:F2} GB/s on {Environment.ProcessorCount} threads");
            Console.WriteLine($"bound for one exact dense pass: {matrixBytes / 1e6:F1} MB / {multi / 1e9:F2} GB/s = {bound:F2} ms");
            Console.WriteLine($"dense p50 / bound = {Percentile(dense, 0.50) / bound:F2}x");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<double[]> TimeAsync<T>(List<string> queries, Func<string, Task<T>> search)
    {
        for (var i = 0; i < Math.Min(10, queries.Count); i++) await search(queries[i]); // warm-up
        var times = new double[queries.Count];
        for (var i = 0; i < queries.Count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await search(queries[i]);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(times);
        return times;
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static void Print(string name, double[] times) =>
        Console.WriteLine($"| {name} | {Percentile(times, 0.50):F2} | {Percentile(times, 0.95):F2} |");
}
