using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RagSystem.Diagnostics;
using RagSystem.Embeddings;
using RagSystem.Retrieval;
using RagSystem.Storage;

namespace RagSystem.Evaluation;

/// <summary>Measures retrieval on a BEIR dataset: ingests the corpus into a throwaway store (<see cref="SqliteChunkStore"/>, or
/// <see cref="BeirEvaluationOptions.CreateStore"/>'s) (one chunk
/// per document: title, blank line, text; the title is also the chunk's heading), runs every judged query of the split
/// through a <see cref="HybridRetriever"/>, and averages nDCG@10, Recall@10, Recall@100 and MRR@10.</summary>
public sealed class BeirEvaluator
{
    private readonly IEmbeddingGenerator<string, Embedding<float>>? _embeddingGenerator;
    private readonly IReranker? _reranker;
    private readonly ILoggerFactory _loggerFactory;

    /// <summary>Creates an evaluator; without an embedding generator it measures lexical retrieval.</summary>
    public BeirEvaluator(IEmbeddingGenerator<string, Embedding<float>>? embeddingGenerator = null, IReranker? reranker = null, ILoggerFactory? loggerFactory = null)
    {
        _embeddingGenerator = embeddingGenerator;
        _reranker = reranker;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
    }

    /// <summary>Runs the evaluation of the BEIR folder <paramref name="directory"/>.</summary>
    public async Task<BeirEvaluationResult> EvaluateAsync(string directory, BeirEvaluationOptions? options = null, IProgress<BeirEvaluationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= new BeirEvaluationOptions();
        using var activity = RagTelemetry.Source.StartActivity("eval.beir");
        var stopwatch = Stopwatch.StartNew();
        var dataset = await BeirDataset.LoadAsync(directory, options.Split, cancellationToken);
        var work = options.WorkDirectory ?? Path.Combine(Path.GetTempPath(), "rag-beir-" + Guid.NewGuid().ToString("N"));
        try
        {
            var store = options.CreateStore?.Invoke(work) ?? await SqliteChunkStore.OpenAsync(Path.Combine(work, SqliteStoreOptions.DefaultFileName),
                options.Store, _loggerFactory.CreateLogger<SqliteChunkStore>(), cancellationToken);
            using var disposeStore = options.CreateStore is null ? store as IDisposable : null;
            await IngestAsync(dataset, store, options.EmbeddingBatchSize, progress, cancellationToken);
            var ingestSeconds = stopwatch.Elapsed.TotalSeconds;

            var retriever = new HybridRetriever(store, _embeddingGenerator, _reranker, logger: _loggerFactory.CreateLogger<HybridRetriever>());
            activity?.SetTag("rag.store", store.GetType().Name);
            var retrieval = options.Retrieval;
            var perQuery = new RetrievalOptions
            {
                Top = Math.Max(100, retrieval.Top),
                CandidatesPerSide = Math.Max(100, retrieval.CandidatesPerSide),
                RrfK = retrieval.RrfK,
                LexicalWeight = retrieval.LexicalWeight,
                DenseWeight = retrieval.DenseWeight,
                Rerank = retrieval.Rerank,
            };
            var scores = new ConcurrentBag<(double Ndcg10, double Recall10, double Recall100, double Mrr10)>();
            var latencies = new ConcurrentBag<double>();
            var done = 0;
            await Parallel.ForEachAsync(dataset.Queries,
                new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.QueryParallelism), CancellationToken = cancellationToken },
                async (query, ct) =>
                {
                    var started = Stopwatch.GetTimestamp();
                    var results = await retriever.RetrieveAsync(query.Value, perQuery, ct);
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    var ranked = RetrievalMetrics.Rank(results.Select(r => (r.DocumentPath, r.Score)));
                    var qrels = dataset.Qrels[query.Key];
                    scores.Add((RetrievalMetrics.NdcgAt(ranked, qrels, 10), RetrievalMetrics.RecallAt(ranked, qrels, 10),
                        RetrievalMetrics.RecallAt(ranked, qrels, 100), RetrievalMetrics.ReciprocalRankAt(ranked, qrels, 10)));
                    var n = Interlocked.Increment(ref done);
                    if (n % 50 == 0 || n == dataset.Queries.Count) progress?.Report(new BeirEvaluationProgress("query", n, dataset.Queries.Count));
                });

            var count = scores.Count;
            return new BeirEvaluationResult(
                count == 0 ? 0 : scores.Average(s => s.Ndcg10),
                count == 0 ? 0 : scores.Average(s => s.Recall10),
                count == 0 ? 0 : scores.Average(s => s.Recall100),
                count == 0 ? 0 : scores.Average(s => s.Mrr10),
                count,
                retriever.ModeFor(perQuery),
                stopwatch.Elapsed.TotalSeconds,
                ingestSeconds,
                Percentile(latencies, 0.50),
                Percentile(latencies, 0.95));
        }
        finally
        {
            if (options.WorkDirectory is null) DeleteWorkDirectory(work);
        }
    }

    private async Task IngestAsync(BeirDataset dataset, IChunkStore store, int batchSize, IProgress<BeirEvaluationProgress>? progress, CancellationToken cancellationToken)
    {
        var modelName = _embeddingGenerator is null ? null : EmbeddingSpace.ModelIdOf(_embeddingGenerator);
        var passage = new EmbeddingGenerationOptions
        {
            AdditionalProperties = new AdditionalPropertiesDictionary { [EmbeddingInputKind.PropertyName] = EmbeddingInputKind.Passage },
        };
        var batch = new List<BeirDocument>(batchSize);
        var done = 0;
        await foreach (var document in dataset.ReadCorpusAsync(cancellationToken))
        {
            batch.Add(document);
            if (batch.Count >= Math.Max(1, batchSize)) await FlushAsync();
        }
        await FlushAsync();

        async Task FlushAsync()
        {
            if (batch.Count == 0) return;
            var texts = batch.Select(ChunkText).ToList();
            GeneratedEmbeddings<Embedding<float>>? vectors = null;
            if (_embeddingGenerator is not null)
            {
                vectors = await _embeddingGenerator.GenerateAsync(texts, passage, cancellationToken);
                if (vectors.Count != texts.Count)
                {
                    throw new InvalidOperationException($"The embedding generator returned {vectors.Count} embeddings for {texts.Count} passages.");
                }
            }
            for (var i = 0; i < batch.Count; i++)
            {
                var (documentRecord, chunk) = ToRecords(batch[i], texts[i], vectors?[i].Vector.ToArray(), modelName);
                await store.UpsertDocumentAsync(documentRecord, [chunk], cancellationToken);
            }
            done += batch.Count;
            progress?.Report(new BeirEvaluationProgress("ingest", done, null));
            batch.Clear();
        }
    }

    private static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }

    private static string ChunkText(BeirDocument document) =>
        string.IsNullOrWhiteSpace(document.Title) ? document.Text : document.Title + "\n\n" + document.Text;

    private static (DocumentRecord Document, ChunkRecord Chunk) ToRecords(BeirDocument beir, string text, float[]? vector, string? modelName)
    {
        // The BEIR id is the document's "path", so results map straight back to qrels.
        var documentId = DocumentIds.ForPath(beir.Id);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        IReadOnlyList<string> heading = string.IsNullOrWhiteSpace(beir.Title) ? [] : [beir.Title];
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        var chunk = new ChunkRecord(DocumentIds.ChunkId(documentId, hash, 0), documentId, 0, text, words, null, null,
            heading, 0, text.Length, vector is null ? null : modelName, vector);
        var document = new DocumentRecord(documentId, beir.Id, hash, Encoding.UTF8.GetByteCount(text), "beir", 1,
            vector is null ? null : modelName, DateTimeOffset.UtcNow, beir.Title);
        return (document, chunk);
    }

    private void DeleteWorkDirectory(string work)
    {
        try
        {
            if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        }
        catch (IOException ex)
        {
            _loggerFactory.CreateLogger<BeirEvaluator>().LogWarning(ex, "Could not delete the evaluation store in {Directory}", work);
        }
    }
}
