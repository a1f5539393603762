using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.AI;
using RagSystem.Embeddings;
using RagSystem.Onnx;
using RagSystem.Testing;

namespace RagSystem.Benchmarks;

/// <summary>How long a query embedding takes while an ingestion call is embedding passages, with the forge <c>minilm-l6</c>
/// model: alone, on the query lane during the bulk call, and marked as a passage during the bulk call (it then shares the
/// bulk lane, which is how every call behaved before queries had their own lane). Arguments: <c>--passages N</c> (1024),
/// <c>--queries Q</c> (20). The bulk call here is one large call; the ingestion pipeline sends <c>Ingestion:EmbeddingBatchSize</c>
/// chunks per call, so before the lanes a query waited for at most one such call, a fraction of the shared-lane figure.</summary>
public static class QueryLaneBenchmark
{
    private static readonly EmbeddingGenerationOptions Query = Kind(EmbeddingInputKind.Query);
    private static readonly EmbeddingGenerationOptions Passage = Kind(EmbeddingInputKind.Passage);

    /// <summary>Runs the benchmark and prints the three latencies and their ratios.</summary>
    public static async Task RunAsync(string[] args)
    {
        var passageCount = Arg(args, "--passages", 1024);
        var queryCount = Arg(args, "--queries", 20);
        var corpus = SharedData.Find("data", "scifact", "corpus.jsonl");
        var (modelDir, skip) = await ForgeModels.EnsureAsync("minilm-l6");
        if (corpus is null || modelDir is null)
        {
            Console.WriteLine($"query-lane benchmark skipped: {skip ?? SharedData.MissingReason("data", "scifact", "corpus.jsonl")}");
            return;
        }
        var passages = File.ReadLines(corpus).Take(passageCount).Select(line =>
        {
            using var doc = JsonDocument.Parse(line);
            return doc.RootElement.GetProperty("title").GetString() + "\n" + doc.RootElement.GetProperty("text").GetString();
        }).ToArray();
        var questions = Enumerable.Range(0, queryCount).Select(i => $"does vitamin {i} reduce the risk of heart disease in adults?").ToArray();

        using var factory = new OnnxSessionFactory(new OnnxRuntimeOptions());
        using var generator = new OnnxEmbeddingGenerator(modelDir, sessionFactory: factory);
        await generator.GenerateAsync(passages.Take(64), Passage);
        await generator.GenerateAsync(questions.Take(2), Query);

        var alone = await LatenciesAsync(generator, questions, Query, bulk: null);
        var ownLane = await LatenciesAsync(generator, questions, Query, passages);
        // Behind the bulk call a query waits for all of it, so one query per bulk call.
        var sharedLane = new List<double>();
        for (var i = 0; i < 2; i++) sharedLane.AddRange(await LatenciesAsync(generator, [questions[i]], Passage, passages, sharedLane: true));

        Console.WriteLine($"query lane: {passages.Length} SciFact passages in one bulk call, {questions.Length} queries, model {generator.Folder.ModelPath}, " +
            $"{Environment.ProcessorCount} logical cores");
        Console.WriteLine($"  alone                       p50 {P(alone, 50),8:F1} ms  p95 {P(alone, 95),8:F1} ms");
        Console.WriteLine($"  during bulk, query lane     p50 {P(ownLane, 50),8:F1} ms  p95 {P(ownLane, 95),8:F1} ms  ({P(ownLane, 50) / P(alone, 50):F1}x alone)");
        Console.WriteLine($"  during bulk, shared lane    p50 {P(sharedLane, 50),8:F1} ms  p95 {P(sharedLane, 95),8:F1} ms  ({P(sharedLane, 50) / P(ownLane, 50):F0}x the query lane; the old single lock)");
    }

    private static async Task<List<double>> LatenciesAsync(OnnxEmbeddingGenerator generator, string[] questions, EmbeddingGenerationOptions kind, string[]? bulk,
        bool sharedLane = false)
    {
        using var stop = new CancellationTokenSource();
        Task? bulkRun = null;
        if (bulk is not null)
        {
            bulkRun = Task.Run(() => generator.GenerateAsync(bulk, Passage, stop.Token));
            while (!generator.IsBulkLaneBusy) await Task.Delay(1);
        }
        var latencies = new List<double>();
        foreach (var question in questions)
        {
            var clock = Stopwatch.StartNew();
            await generator.GenerateAsync([question], kind);
            latencies.Add(clock.Elapsed.TotalMilliseconds);
            if (!sharedLane && bulkRun is { IsCompleted: true }) throw new InvalidOperationException("the bulk call ended before the queries did; pass a larger --passages");
        }
        await stop.CancelAsync();
        if (bulkRun is not null)
        {
            try { await bulkRun; } catch (OperationCanceledException) { }
        }
        return latencies;
    }

    private static double P(List<double> values, int percentile)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    private static EmbeddingGenerationOptions Kind(string kind) => new() { AdditionalProperties = new() { [EmbeddingInputKind.PropertyName] = kind } };

    private static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : fallback;
    }
}
