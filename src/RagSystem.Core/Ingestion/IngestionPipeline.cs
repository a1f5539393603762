using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RagSystem.Chunking;
using RagSystem.Diagnostics;
using RagSystem.Documents;
using RagSystem.Storage;

namespace RagSystem.Ingestion;

/// <summary>Brings a store up to date with a folder: read → chunk → embed → write, overlapped through bounded
/// channels. Unchanged files are skipped by content hash, changed ones replaced atomically, vanished ones removed,
/// and a file that cannot be read is reported without stopping the run.</summary>
public sealed class IngestionPipeline
{
    private readonly IChunkStore _store;
    private readonly DocumentPreparer _preparer;
    private readonly ChunkEmbedder? _embedder;
    private readonly string? _embeddingModel;
    private readonly IngestionOptions _options;
    private readonly ILogger _logger;

    public IngestionPipeline(
        IChunkStore store,
        DocumentReaderRegistry readers,
        TextChunker chunker,
        IEmbeddingGenerator<string, Embedding<float>>? embeddingGenerator,
        IngestionOptions? options = null,
        ILogger<IngestionPipeline>? logger = null)
    {
        _store = store;
        _options = options ?? new IngestionOptions();
        _preparer = new DocumentPreparer(readers, chunker, _options);
        _embedder = embeddingGenerator is null ? null : new ChunkEmbedder(embeddingGenerator);
        _embeddingModel = embeddingGenerator is null ? null
            : embeddingGenerator.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId ?? embeddingGenerator.GetType().Name;
        _logger = logger ?? NullLogger<IngestionPipeline>.Instance;
    }

    /// <summary>Ingests <paramref name="root"/> (a folder, or a single file).</summary>
    /// <param name="root">The folder to ingest. Document ids derive from paths relative to it.</param>
    /// <param name="progress">Receives a snapshot after each file settles. Called from worker threads.</param>
    /// <param name="excludedDirectory">A folder under the root never to read, such as the store's own data folder.</param>
    public async Task<IngestionReport> RunAsync(string root, IProgress<IngestionProgress>? progress = null, string? excludedDirectory = null, CancellationToken cancellationToken = default)
    {
        using var activity = RagTelemetry.Source.StartActivity("ingest");
        var clock = Stopwatch.StartNew();
        var files = new DocumentSource(root, excludedDirectory, _options.FollowSymlinksOutsideRoot).ListFiles(cancellationToken);
        var stored = (await _store.ListDocumentsAsync(cancellationToken)).ToDictionary(d => d.Id, StringComparer.Ordinal);
        var tally = new IngestionTally(files.Count, progress);
        activity?.SetTag("rag.files", files.Count);
        _logger.LogInformation("Ingesting {Files} files from {Root} ({Stored} documents stored)", files.Count, root, stored.Count);

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var ct = linked.Token;
        var parsed = Channel.CreateBounded<PreparedDocument>(new BoundedChannelOptions(_options.ChannelCapacity) { SingleReader = true });
        var embedded = Channel.CreateBounded<PreparedDocument>(new BoundedChannelOptions(_options.ChannelCapacity) { SingleReader = true, SingleWriter = true });

        var stages = new[]
        {
            RunStageAsync(() => ReadAsync(files, stored, parsed.Writer, tally, ct), parsed.Writer, linked),
            RunStageAsync(() => EmbedAsync(parsed.Reader, embedded.Writer, ct), embedded.Writer, linked),
            RunStageAsync(() => WriteAsync(embedded.Reader, tally, ct), null, linked),
        };
        try
        {
            await Task.WhenAll(stages);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The cancellation came from a sibling stage that failed: surface that stage's error instead.
            var cause = stages.Where(t => t.IsFaulted).SelectMany(t => t.Exception!.InnerExceptions).FirstOrDefault(e => e is not OperationCanceledException);
            if (cause is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(cause);
            throw;
        }

        // Only after a complete walk: a cancelled or failed run must never read as "those files are gone".
        var present = files.Select(f => DocumentIds.ForPath(f.RelativePath)).ToHashSet(StringComparer.Ordinal);
        // A folder that could not be listed is not a folder whose files are gone.
        var unlisted = files.Where(f => f.IsFolder).Select(f => f.RelativePath == "." ? "" : f.RelativePath + "/").ToList();
        var removed = 0;
        foreach (var id in stored.Keys.Where(id => !present.Contains(id) && !unlisted.Exists(prefix => stored[id].Path.StartsWith(prefix, StringComparison.Ordinal))))
        {
            if (await _store.DeleteDocumentAsync(id, cancellationToken)) removed++;
        }

        var report = tally.ToReport(removed, clock.Elapsed, _embeddingModel);
        activity?.SetTag("rag.added", report.Added).SetTag("rag.updated", report.Updated).SetTag("rag.failed", report.Failed.Count);
        return report;
    }

    private static async Task RunStageAsync(Func<Task> stage, ChannelWriter<PreparedDocument>? output, CancellationTokenSource linked)
    {
        try
        {
            await stage();
            output?.TryComplete();
        }
        catch (Exception ex)
        {
            // One stage failing must stop the others instead of leaving them blocked on a channel.
            output?.TryComplete(ex);
            await linked.CancelAsync();
            throw;
        }
    }

    private async Task ReadAsync(IReadOnlyList<SourceFile> files, Dictionary<string, DocumentRecord> stored,
        ChannelWriter<PreparedDocument> output, IngestionTally tally, CancellationToken ct)
    {
        using var activity = RagTelemetry.Source.StartActivity("ingest.read");
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.ParallelReaders), CancellationToken = ct };
        await Parallel.ForEachAsync(files, parallel, async (file, token) =>
        {
            stored.TryGetValue(DocumentIds.ForPath(file.RelativePath), out var previous);
            var result = await _preparer.PrepareAsync(file, previous, _embeddingModel, token);
            if (result.Document is { } doc) await output.WriteAsync(doc, token);
            else if (result.Failure is { } failure)
            {
                _logger.LogWarning("Skipped {Path}: {Reason}", failure.Path, failure.Reason);
                tally.Settle(file.RelativePath, DocumentOutcome.Failed, 0, failure);
            }
            else tally.Settle(file.RelativePath, DocumentOutcome.Unchanged, 0);
        });
    }

    private async Task EmbedAsync(ChannelReader<PreparedDocument> input, ChannelWriter<PreparedDocument> output, CancellationToken ct)
    {
        var batch = new List<PreparedDocument>();
        var chunks = 0;
        await foreach (var doc in input.ReadAllAsync(ct))
        {
            batch.Add(doc);
            chunks += doc.Chunks.Count;
            // Flush when the model's batch is full, or when nothing else is waiting: batching never adds latency.
            if (chunks < _options.EmbeddingBatchSize && input.TryPeek(out _)) continue;
            if (_embedder is not null)
            {
                using var activity = RagTelemetry.Source.StartActivity("ingest.embed");
                activity?.SetTag("rag.chunks", chunks);
                await _embedder.EmbedAsync(batch, ct);
            }
            foreach (var d in batch) await output.WriteAsync(d, ct);
            batch.Clear();
            chunks = 0;
        }
    }

    private async Task WriteAsync(ChannelReader<PreparedDocument> input, IngestionTally tally, CancellationToken ct)
    {
        await foreach (var doc in input.ReadAllAsync(ct))
        {
            using var activity = RagTelemetry.Source.StartActivity("ingest.write");
            var records = new ChunkRecord[doc.Chunks.Count];
            for (var i = 0; i < records.Length; i++)
            {
                var c = doc.Chunks[i];
                records[i] = new ChunkRecord(DocumentIds.ChunkId(doc.DocumentId, doc.ContentHash, c.Ordinal), doc.DocumentId, c.Ordinal, c.Text,
                    c.TokenCount, c.PageStart, c.PageEnd, c.HeadingPath, c.Start, c.Length, _embeddingModel, doc.Vectors?[i]);
            }
            var record = new DocumentRecord(doc.DocumentId, doc.File.RelativePath, doc.ContentHash, doc.File.SizeBytes, doc.Format,
                records.Length, _embeddingModel, DateTimeOffset.UtcNow, doc.Title);
            await _store.UpsertDocumentAsync(record, records, ct);
            tally.Settle(doc.File.RelativePath, doc.Replaces ? DocumentOutcome.Updated : DocumentOutcome.Added, records.Length);
        }
    }
}
