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

/// <summary>Ingests documents into a store: read → chunk → embed → write, overlapped through bounded channels.
/// <see cref="IngestAsync"/> takes documents (streams with names and tags) and never deletes; <see cref="SyncFolderAsync"/>
/// layers "mirror this folder" on top, removing the documents of its own source whose files are gone. Unchanged documents
/// are skipped by content hash, changed ones replaced atomically, and one that cannot be read is reported without stopping
/// the run and remembered by content hash, so the same bytes are not parsed again (see <see cref="IngestionRunOptions.RetryFailed"/>).</summary>
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

    /// <summary>Ingests these documents into <see cref="IngestionRunOptions.Source"/>: each is stored, replaced when its bytes
    /// changed, or skipped when unchanged. Nothing is ever deleted, so this is what an upload uses.</summary>
    /// <param name="documents">The inputs; names must be distinct.</param>
    /// <param name="options">The source, tags and retry setting; null for the defaults.</param>
    /// <param name="progress">Receives a snapshot after each document settles. Called from worker threads.</param>
    /// <param name="cancellationToken">Stops the run; documents already written stay written.</param>
    public async Task<IngestionReport> IngestAsync(IReadOnlyList<DocumentInput> documents, IngestionRunOptions? options = null,
        IProgress<IngestionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        options ??= new IngestionRunOptions();
        using var activity = RagTelemetry.Source.StartActivity("ingest");
        var clock = Stopwatch.StartNew();
        var duplicate = documents.GroupBy(d => d.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new RagException(RagErrorKind.InvalidInput, $"two documents are named '{duplicate.Key}'; names must be distinct.");
        var state = await StoreState.LoadAsync(_store, cancellationToken);
        var tally = await ProcessAsync(documents, options, state, progress, cancellationToken);
        return Finish(activity, tally, 0, clock.Elapsed);
    }

    /// <summary>Brings <see cref="IngestionRunOptions.Source"/> up to date with a folder (or a single file): new and changed files
    /// are ingested as by <see cref="IngestAsync"/>, and the documents of this source whose files are gone are removed, as are
    /// their remembered failures. Documents of other sources are never touched.</summary>
    /// <param name="root">The folder. Document names are paths relative to it.</param>
    /// <param name="options">The source (default: the CLI's one folder), tags, retry setting and a folder to skip.</param>
    /// <param name="progress">Receives a snapshot after each file settles. Called from worker threads.</param>
    /// <param name="cancellationToken">Stops the run; nothing is removed by a run that did not finish its walk.</param>
    public async Task<IngestionReport> SyncFolderAsync(string root, IngestionRunOptions? options = null,
        IProgress<IngestionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= new IngestionRunOptions();
        using var activity = RagTelemetry.Source.StartActivity("ingest");
        var clock = Stopwatch.StartNew();
        var files = new DocumentSource(root, options.ExcludedDirectory, _options.FollowSymlinksOutsideRoot).ListFiles(cancellationToken);
        var state = await StoreState.LoadAsync(_store, cancellationToken);
        _logger.LogInformation("Ingesting {Files} files from {Root} ({Stored} documents stored)", files.Count, root, state.Documents.Count);
        var inputs = files.Select(f => DocumentInput.FromSourceFile(f)).ToList();
        var tally = await ProcessAsync(inputs, options, state, progress, cancellationToken);

        // Only after a complete walk: a cancelled or failed run must never read as "those files are gone".
        var present = inputs.Select(i => SourceDocumentIds.For(options.Source, i.Name)).ToHashSet(StringComparer.Ordinal);
        // A folder that could not be listed is not a folder whose files are gone: what is stored from under it is kept.
        var unlisted = inputs.Where(i => i.IsUnlistedFolder).Select(i => i.Name == "." ? "" : i.Name + "/").ToList();
        bool Kept(string id, string path) => present.Contains(id) || !SourceDocumentIds.BelongsTo(options.Source, id, path)
            || unlisted.Exists(prefix => path.StartsWith(prefix, StringComparison.Ordinal));
        var removed = 0;
        foreach (var doc in state.Documents.Values)
        {
            if (Kept(doc.Id, doc.Path)) continue;
            if (await _store.DeleteDocumentAsync(doc.Id, cancellationToken)) removed++;
        }
        // Deleting an id the store holds no document for forgets its remembered failure: the file is gone, so is its failure.
        foreach (var failure in state.Failures.Values)
        {
            if (state.Documents.ContainsKey(failure.DocumentId) || Kept(failure.DocumentId, failure.Path)) continue;
            await _store.DeleteDocumentAsync(failure.DocumentId, cancellationToken);
        }
        return Finish(activity, tally, removed, clock.Elapsed);
    }

    private IngestionReport Finish(Activity? activity, IngestionTally tally, int removed, TimeSpan elapsed)
    {
        var report = tally.ToReport(removed, elapsed, _embeddingModel);
        activity?.SetTag("rag.added", report.Added).SetTag("rag.updated", report.Updated).SetTag("rag.failed", report.Failed.Count)
            .SetTag("rag.unchanged_failed", report.UnchangedFailed.Count).SetTag("rag.removed", removed);
        return report;
    }

    private async Task<IngestionTally> ProcessAsync(IReadOnlyList<DocumentInput> inputs, IngestionRunOptions options, StoreState state,
        IProgress<IngestionProgress>? progress, CancellationToken cancellationToken)
    {
        var tally = new IngestionTally(inputs.Count, progress);
        Activity.Current?.SetTag("rag.files", inputs.Count);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var ct = linked.Token;
        var parsed = Channel.CreateBounded<PreparedDocument>(new BoundedChannelOptions(_options.ChannelCapacity) { SingleReader = true });
        var embedded = Channel.CreateBounded<PreparedDocument>(new BoundedChannelOptions(_options.ChannelCapacity) { SingleReader = true, SingleWriter = true });

        var stages = new[]
        {
            RunStageAsync(() => ReadAsync(inputs, options, state, parsed.Writer, tally, ct), parsed.Writer, linked),
            RunStageAsync(() => EmbedAsync(parsed.Reader, embedded.Writer, ct), embedded.Writer, linked),
            RunStageAsync(() => WriteAsync(embedded.Reader, options, tally, ct), null, linked),
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
        return tally;
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

    private async Task ReadAsync(IReadOnlyList<DocumentInput> inputs, IngestionRunOptions options, StoreState state,
        ChannelWriter<PreparedDocument> output, IngestionTally tally, CancellationToken ct)
    {
        using var activity = RagTelemetry.Source.StartActivity("ingest.read");
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.ParallelReaders), CancellationToken = ct };
        await Parallel.ForEachAsync(inputs, parallel, async (input, token) =>
        {
            var id = SourceDocumentIds.For(options.Source, input.Name);
            state.Documents.TryGetValue(id, out var previous);
            state.Failures.TryGetValue(id, out var failedBefore);
            var result = await _preparer.PrepareAsync(input, id, previous, failedBefore, options.RetryFailed, _embeddingModel, token);
            if (result.Document is { } doc) await output.WriteAsync(doc, token);
            else if (result.Failure is { } failure && result.FailedBefore)
            {
                _logger.LogDebug("Skipped {Path}: failed before with the same bytes ({Reason})", failure.Path, failure.Reason);
                tally.Settle(input.Name, DocumentOutcome.UnchangedFailed, 0, failure);
            }
            else if (result.Failure is { } failed)
            {
                _logger.LogWarning("Skipped {Path}: {Reason}", failed.Path, failed.Reason);
                // Remembered when the bytes were read, or when the walk found the path unreadable (no bytes, so no hash: it is
                // reported again on every run, never skipped as unchanged). A failure to open a file may be gone by the next run.
                if (result.ContentHash is not null || input.Problem is not null)
                    await _store.RecordFailureAsync(new DocumentFailureRecord(id, input.Name, result.ContentHash ?? "", failed.Kind, failed.Reason, DateTimeOffset.UtcNow), token);
                tally.Settle(input.Name, DocumentOutcome.Failed, 0, failed);
            }
            else tally.Settle(input.Name, DocumentOutcome.Unchanged, 0);
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

    private async Task WriteAsync(ChannelReader<PreparedDocument> input, IngestionRunOptions options, IngestionTally tally, CancellationToken ct)
    {
        await foreach (var doc in input.ReadAllAsync(ct))
        {
            using var activity = RagTelemetry.Source.StartActivity("ingest.write");
            var records = new ChunkRecord[doc.Chunks.Count];
            for (var i = 0; i < records.Length; i++)
            {
                var c = doc.Chunks[i];
                records[i] = new ChunkRecord(DocumentIds.ChunkId(doc.DocumentId, doc.ContentHash, c.Ordinal), doc.DocumentId, c.Ordinal, c.Text,
                    c.TokenCount, c.PageStart, c.PageEnd, c.HeadingPath, c.Start, c.Length, _embeddingModel, doc.Vectors?[i], c.PageLabel, c.OcrConfidence);
            }
            var record = new DocumentRecord(doc.DocumentId, doc.Path, doc.ContentHash, doc.SizeBytes, doc.Format,
                records.Length, _embeddingModel, DateTimeOffset.UtcNow, doc.Title, MergeTags(options.Tags, doc.Tags), doc.OcrPages);
            await _store.UpsertDocumentAsync(record, records, ct);
            tally.Settle(doc.Path, doc.Replaces ? DocumentOutcome.Updated : DocumentOutcome.Added, records.Length);
        }
    }

    private static IReadOnlyList<string>? MergeTags(IReadOnlyList<string>? run, IReadOnlyList<string>? own) =>
        run is null || run.Count == 0 ? own : own is null || own.Count == 0 ? run : [.. run.Union(own, StringComparer.Ordinal)];
}
