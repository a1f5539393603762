using System.Diagnostics;
using System.Globalization;
using RagSystem.Storage;

namespace RagSystem.Benchmarks;

/// <summary><c>dense-under-writes</c>: on a SQLite store of 100,000 synthetic chunks (384 dimensions), dense search p50/p95
/// while quiet, then while 1,000 more chunks are ingested (10 documents of 100, one write transaction each) beside the
/// queries; counts how often the store loaded the whole matrix (the incremental index should load it once, at first use),
/// and times one full load for comparison. Arguments: [chunks] [queries].</summary>
public static class DenseUnderWritesBenchmark
{
    private const int Dimension = 384;
    private const int ChunksPerDocument = 100;

    public static async Task RunAsync(string[] args)
    {
        var chunkCount = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        var queryCount = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 300;
        var random = new Random(20261130);
        var directory = Path.Combine(Path.GetTempPath(), "rag-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            var stopwatch = Stopwatch.StartNew();
            using var store = await SqliteChunkStore.OpenAsync(Path.Combine(directory, "rag.db"));
            var words = SyntheticText.Words(30_000, random);
            var zipf = SyntheticText.ZipfSampler(30_000, 1.0, random);
            for (var d = 0; d * ChunksPerDocument < chunkCount; d++) await WriteAsync(store, $"base/doc{d:D5}.txt", words, zipf, random);
            Console.WriteLine($"store: {chunkCount:N0} chunks x {Dimension} dims, written in {stopwatch.Elapsed.TotalSeconds:F1} s");

            var queries = Enumerable.Range(0, queryCount).Select(_ => SyntheticText.UnitVector(Dimension, random)).ToList();
            stopwatch.Restart();
            await store.SearchAsync(SearchRequest.Dense(queries[0], 10));
            var firstLoad = stopwatch.Elapsed.TotalMilliseconds;

            for (var i = 0; i < 20; i++) await store.SearchAsync(SearchRequest.Dense(queries[i], 10));
            // Quiet and busy windows alternate (30 quiet queries, then queries beside one write until it commits, ten times), so
            // both see the same machine load; a shared machine's load drifts over minutes.
            var quiet = new List<double>();
            var busy = new List<double>();
            var writesDone = 0;
            var next = 0;
            for (var d = 0; d < 10; d++)
            {
                for (var i = 0; i < 30; i++) quiet.Add(await TimeAsync(store, queries[next++ % queries.Count]));
                var seed = d;
                var writer = Task.Run(async () =>
                {
                    await WriteAsync(store, $"added/doc{seed:D2}.txt", words, zipf, new Random(seed));
                    Interlocked.Increment(ref writesDone);
                });
                while (!writer.IsCompleted) busy.Add(await TimeAsync(store, queries[next++ % queries.Count]));
                await writer;
                busy.Add(await TimeAsync(store, queries[next++ % queries.Count])); // applies the write
            }
            var stats = await store.StatsAsync();

            stopwatch.Restart();
            await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(directory, "rag.db")}"))
            {
                await connection.OpenAsync();
                await RagSystem.Storage.Sqlite.DenseVectorIndex.LoadAsync(connection, CancellationToken.None);
            }
            var fullLoad = stopwatch.Elapsed.TotalMilliseconds;

            quiet.Sort();
            busy.Sort();
            Console.WriteLine();
            Console.WriteLine($"| dense search, top 10 ({stats.Chunks:N0} chunks after the writes) | queries | p50 ms | p95 ms |");
            Console.WriteLine("|---|---|---|---|");
            Console.WriteLine($"| quiet | {quiet.Count} | {P(quiet, 0.50):F2} | {P(quiet, 0.95):F2} |");
            Console.WriteLine($"| while ingesting 1,000 chunks ({writesDone} write transactions) | {busy.Count} | {P(busy, 0.50):F2} | {P(busy, 0.95):F2} |");
            Console.WriteLine();
            Console.WriteLine($"p95 during writes / quiet p95 = {P(busy, 0.95) / P(quiet, 0.95):F2}x");
            Console.WriteLine($"whole-matrix loads: {store.DenseIndexLoads} (first search {firstLoad:F0} ms; one full load now takes {fullLoad:F0} ms)");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task WriteAsync(SqliteChunkStore store, string path, string[] words, Func<int> zipf, Random random)
    {
        var id = DocumentIds.ForPath(path);
        var chunks = Enumerable.Range(0, ChunksPerDocument).Select(i =>
        {
            var text = SyntheticText.Sentence(words, zipf, 60);
            return new ChunkRecord(DocumentIds.ChunkId(id, "h", i), id, i, text, 60, null, null, [], 0, text.Length, "random", SyntheticText.UnitVector(Dimension, random));
        }).ToList();
        await store.UpsertDocumentAsync(new DocumentRecord(id, path, "h", 0, "text", chunks.Count, "random", DateTimeOffset.UtcNow), chunks);
    }

    private static async Task<double> TimeAsync(SqliteChunkStore store, float[] query)
    {
        var start = Stopwatch.GetTimestamp();
        await store.SearchAsync(SearchRequest.Dense(query, 10));
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    private static double P(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
