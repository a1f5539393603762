using System.Diagnostics;
using Microsoft.Extensions.AI;
using RagSystem.Chunking;
using RagSystem.Documents;
using RagSystem.Embeddings;
using RagSystem.Ingestion;
using RagSystem.Storage;
using RagSystem.Testing;

namespace RagSystem.Benchmarks;

/// <summary>Ingestion wall time ÷ embedding-only time on the same chunks (target ≤ 1.10), and peak memory while
/// ingesting 2,000 documents, with the forge MiniLM-L6-shaped encoder. Both measured in this one run.</summary>
internal static class IngestionBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        var documents = args.Length > 0 && int.TryParse(args[0], out var n) ? n : 2000;
        var (modelDir, skip) = await ForgeModels.EnsureAsync("minilm-l6");
        if (modelDir is null)
        {
            Console.WriteLine($"ingestion benchmark skipped: {skip}");
            return;
        }
        using var folder = new TempDirectory("rag-bench-docs");
        using var data = new TempDirectory("rag-bench-data");
        // Short documents (one or two chunks each): the case where batching across documents matters most.
        SyntheticCorpus.Write(folder.Path, documents, paragraphsPerDocument: 2);
        using var generator = new OnnxEmbeddingGenerator(modelDir);
        var options = new IngestionOptions();
        var chunker = new TextChunker(generator.TokenCounter, new ChunkingOptions());
        var readers = DocumentReaderRegistry.CreateDefault();

        // The exact texts the pipeline embeds, for the embedding-only runs (parsing and chunking are not timed there).
        var texts = new List<string>();
        foreach (var file in new DocumentSource(folder.Path).ListFiles())
        {
            var doc = await readers.ReadAsync(file.FullPath);
            foreach (var c in chunker.Chunk(doc)) texts.Add(ChunkEmbedder.TextForEmbedding(doc.Title, c.HeadingPath, c.Text));
        }

        // Embedding-only before and after ingestion: the first run also warms the session's memory arena for every batch
        // shape, and averaging both cancels slow drift in machine load.
        var embedBefore = await EmbedOnlyAsync(generator, texts, options.EmbeddingBatchSize);

        var sampler = new PeakMemorySampler();
        var baseline = Process.GetCurrentProcess().WorkingSet64;
        sampler.Start();
        var clock = Stopwatch.StartNew();
        using (var store = await SqliteChunkStore.OpenAsync(Path.Combine(data.Path, "rag.db")))
        {
            var report = await new IngestionPipeline(store, readers, chunker, generator, options).SyncFolderAsync(folder.Path);
            clock.Stop();
            sampler.Stop();
            Console.WriteLine($"ingested {report.Added} documents, {report.Chunks} chunks, {report.Failed.Count} failures");
        }
        var ingestSeconds = clock.Elapsed.TotalSeconds;
        var embedAfter = await EmbedOnlyAsync(generator, texts, options.EmbeddingBatchSize);
        var embedSeconds = (embedBefore + embedAfter) / 2;

        Console.WriteLine();
        Console.WriteLine($"| measure | value |");
        Console.WriteLine($"|---|---|");
        Console.WriteLine($"| documents / chunks | {documents} / {texts.Count} |");
        Console.WriteLine($"| ingestion wall time | {ingestSeconds:0.00} s |");
        Console.WriteLine($"| embedding-only time, same chunks (before / after, mean) | {embedBefore:0.00} s / {embedAfter:0.00} s, {embedSeconds:0.00} s |");
        Console.WriteLine($"| **ingestion ÷ embedding-only** (target ≤ 1.10) | **{ingestSeconds / embedSeconds:0.000}** |");
        Console.WriteLine($"| peak working set during ingestion | {sampler.PeakBytes / 1048576.0:0} MB (+{(sampler.PeakBytes - baseline) / 1048576.0:0} MB over the loaded model) |");
        Console.WriteLine($"| peak managed heap during ingestion | {sampler.PeakManagedBytes / 1048576.0:0} MB |");
    }

    private static async Task<double> EmbedOnlyAsync(OnnxEmbeddingGenerator generator, List<string> texts, int batchSize)
    {
        var passage = new EmbeddingGenerationOptions { AdditionalProperties = new() { [EmbeddingInputKind.PropertyName] = EmbeddingInputKind.Passage } };
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < texts.Count; i += batchSize)
            await generator.GenerateAsync(texts.Skip(i).Take(batchSize), passage);
        return clock.Elapsed.TotalSeconds;
    }
}
