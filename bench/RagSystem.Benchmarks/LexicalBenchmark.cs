using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using RagSystem.Evaluation;
using RagSystem.Storage;

namespace RagSystem.Benchmarks;

/// <summary><c>lexical</c>: the store's lexical search (Lucene engine, and FTS5 for reference) against the independent
/// <see cref="LuceneBm25Anchor"/> in the same run: p50/p95 of top-10 searches, ours ÷ anchor, index build time per 100k
/// chunks, and on SciFact test nDCG@10 of all three. Arguments: [sizes] [queries], sizes comma-separated from
/// <c>scifact</c> and chunk counts (synthetic stores from <see cref="SyntheticChunkCorpus"/>, without vectors), default
/// <c>scifact,100000</c>.</summary>
public static class LexicalBenchmark
{
    private const int Top = 10;
    /// <summary>No vectors: lexical search never reads them, and at a million chunks they would take 1.5 GB of a shared disk.</summary>
    private const int Dimension = 0;

    public static async Task RunAsync(string[] args)
    {
        var sizes = (args.Length > 0 ? args[0] : "scifact,100000").Split(',', StringSplitOptions.RemoveEmptyEntries);
        var queryCount = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 300;
        Console.WriteLine($"load average at start: {LoadAverage()}; {Environment.ProcessorCount} processors");
        var rows = new List<string>();
        foreach (var size in sizes)
        {
            rows.Add(size.Equals("scifact", StringComparison.OrdinalIgnoreCase)
                ? await SciFactAsync()
                : await SyntheticAsync(int.Parse(size, CultureInfo.InvariantCulture), queryCount));
        }
        Console.WriteLine();
        Console.WriteLine($"| data | chunks | Lucene.Net anchor p50 / p95 ms | ours (Lucene engine) p50 / p95 ms | ours ÷ anchor p50 | FTS5 p50 / p95 ms | build per 100k chunks: ours / anchor s |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var row in rows) Console.WriteLine(row);
        Console.WriteLine($"load average at end: {LoadAverage()}");
    }

    private static async Task<string> SciFactAsync()
    {
        var directory = "/work/shared/data/scifact";
        var folder = Path.Combine(Path.GetTempPath(), "ragsystem-bench", "scifact-lexical");
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        var database = Path.Combine(folder, SqliteStoreOptions.DefaultFileName);
        var dataset = await BeirDataset.LoadAsync(directory, "test");
        using (var ingest = SqliteChunkStore.Create(database))
        {
            var ours = await new BeirEvaluator().EvaluateAsync(directory, new BeirEvaluationOptions { Split = "test", CreateStore = _ => ingest });
            Console.WriteLine($"SciFact test nDCG@10, ours (Lucene engine, defaults): {ours.NdcgAt10:F4}");
        }
        using (var fts = SqliteChunkStore.Create(database, new SqliteStoreOptions { LexicalEngine = SqliteLexicalEngine.Fts5 }))
        {
            var result = await new BeirEvaluator().EvaluateAsync(directory, new BeirEvaluationOptions { Split = "test", CreateStore = _ => fts });
            Console.WriteLine($"SciFact test nDCG@10, FTS5 engine: {result.NdcgAt10:F4}");
        }
        var corpus = new List<(string, string)>();
        await foreach (var document in dataset.ReadCorpusAsync()) corpus.Add((document.Id, document.Title + " " + document.Text));
        using var anchor = LuceneBm25Anchor.Build(Path.Combine(folder, "anchor"), corpus);
        var ndcg = dataset.Qrels.Average(q => RetrievalMetrics.NdcgAt(anchor.Search(dataset.Queries[q.Key], Top), q.Value, Top));
        Console.WriteLine($"SciFact test nDCG@10, Lucene.Net anchor (EnglishAnalyzer, k1 0.9, b 0.4): {ndcg:F4}");
        var queries = dataset.Qrels.Keys.Select(id => dataset.Queries[id]).ToList();
        return await MeasureAsync("SciFact test (300 queries)", database, corpus.Count, anchor, queries, ftsQueries: queries.Count);
    }

    private static async Task<string> SyntheticAsync(int chunks, int queryCount)
    {
        var stopwatch = Stopwatch.StartNew();
        var database = await SyntheticChunkCorpus.EnsureAsync(chunks, Dimension);
        Console.WriteLine($"synthetic store of {chunks:N0} chunks ready in {stopwatch.Elapsed.TotalSeconds:F0} s ({SyntheticChunkCorpus.GenerationNote(database)})");
        var corpus = ReadCorpus(database);
        using var anchor = LuceneBm25Anchor.Build(Path.Combine(Path.GetDirectoryName(database)!, "anchor"), corpus);
        var queries = SyntheticChunkCorpus.Queries(queryCount);
        // FTS5 costs up to a second per query at a million chunks: a sample is enough to place it.
        return await MeasureAsync($"synthetic ({queries.Count} queries)", database, chunks, anchor, queries, ftsQueries: chunks >= 500_000 ? 60 : queries.Count);
    }

    private static async Task<string> MeasureAsync(string name, string database, int chunks, LuceneBm25Anchor anchor, List<string> queries, int ftsQueries)
    {
        // Build ours from SQLite as a store does when its index folder is missing.
        var lucene = Path.Combine(Path.GetDirectoryName(database)!, Path.GetFileNameWithoutExtension(database) + ".lucene");
        if (Directory.Exists(lucene)) Directory.Delete(lucene, recursive: true);
        using var store = await SqliteChunkStore.OpenAsync(database);
        var stopwatch = Stopwatch.StartNew();
        await store.RefreshLexicalIndexAsync();
        var build = stopwatch.Elapsed;
        using var fts = await SqliteChunkStore.OpenAsync(database, new SqliteStoreOptions { LexicalEngine = SqliteLexicalEngine.Fts5 });

        // One after the other, anchor and ours alternating per round so load changes on the shared machine hit both alike.
        var anchorTimes = new List<double>();
        var oursTimes = new List<double>();
        for (var round = 0; round < 2; round++)
        {
            anchorTimes.AddRange(await TimeAsync(queries, q => Task.FromResult(anchor.Search(q, Top))));
            oursTimes.AddRange(await TimeAsync(queries, q => store.SearchAsync(SearchRequest.Lexical(q, Top))));
        }
        var ftsTimes = await TimeAsync(queries.Take(ftsQueries).ToList(), q => fts.SearchAsync(SearchRequest.Lexical(q, Top)));
        var (a50, a95) = (Percentile(anchorTimes, 0.5), Percentile(anchorTimes, 0.95));
        var (o50, o95) = (Percentile(oursTimes, 0.5), Percentile(oursTimes, 0.95));
        var (f50, f95) = (Percentile(ftsTimes, 0.5), Percentile(ftsTimes, 0.95));
        var per100k = 100_000.0 / chunks;
        Console.WriteLine($"{name}: {chunks:N0} chunks, anchor holds {anchor.Count:N0}; built ours in {build.TotalSeconds:F1} s, anchor in {anchor.BuildTime.TotalSeconds:F1} s; load {LoadAverage()}");
        return string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {chunks:N0} | {a50:F2} / {a95:F2} | {o50:F2} / {o95:F2} | {o50 / a50:F2} | {f50:F2} / {f95:F2} | {build.TotalSeconds * per100k:F1} / {anchor.BuildTime.TotalSeconds * per100k:F1} |");
    }

    private static List<(string Id, string Text)> ReadCorpus(string database)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT c.rowid, coalesce(d.title, ''), c.text FROM chunks c JOIN documents d ON d.id = c.document_id ORDER BY c.rowid";
        using var reader = command.ExecuteReader();
        var corpus = new List<(string, string)>();
        while (reader.Read()) corpus.Add((reader.GetInt64(0).ToString(CultureInfo.InvariantCulture), reader.GetString(1) + " " + reader.GetString(2)));
        return corpus;
    }

    private static async Task<double[]> TimeAsync<T>(List<string> queries, Func<string, Task<T>> search)
    {
        for (var i = 0; i < Math.Min(20, queries.Count); i++) await search(queries[i]); // warm-up
        var times = new double[queries.Count];
        for (var i = 0; i < queries.Count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await search(queries[i]);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        return times;
    }

    private static double Percentile(IEnumerable<double> times, double p)
    {
        var sorted = times.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
