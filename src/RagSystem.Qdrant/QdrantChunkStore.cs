using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Qdrant.Client.Grpc;
using RagSystem.Diagnostics;
using RagSystem.Storage;
using Keys = RagSystem.Qdrant.QdrantPayloadKeys;

namespace RagSystem.Qdrant;

/// <summary>The scale-out store: one Qdrant collection (over gRPC, with the official Qdrant.Client) holding chunk points with a
/// dense and a sparse (IDF) vector, one state point per document and one per remembered failure, so any number of ingestion
/// workers and API instances share it. Hybrid searches are one Query API call (two prefetches fused by RRF). A document is
/// replaced by version: the new version's points are written, the document is marked complete at that version, then the
/// previous version's points are deleted; reads keep only points of the version their document is marked at, so a write
/// killed anywhere leaves the document fully old or fully new, and the next listing finishes an interrupted clean-up.</summary>
public sealed class QdrantChunkStore : IChunkStore, IDisposable
{
    private readonly QdrantStoreOptions _options;
    private readonly QdrantGrpcClient _client;
    private readonly QdrantCollection _collection;
    private readonly QdrantPoints _points;
    private readonly QdrantDocumentWriter _writer;
    private readonly QdrantCallRunner _calls;

    private QdrantChunkStore(QdrantStoreOptions options, ILogger logger)
    {
        options.Validate();
        _options = options;
        // Creating the client opens nothing: the channel connects on the first call.
        _client = new QdrantGrpcClient(new Uri(options.Url), string.IsNullOrEmpty(options.ApiKey) ? null : options.ApiKey);
        _calls = new QdrantCallRunner(options, logger);
        _collection = new QdrantCollection(_client, _calls, options, logger);
        _points = new QdrantPoints(_client, _calls, options.Collection);
        _writer = new QdrantDocumentWriter(_points, options, logger);
    }

    /// <summary>Creates the store without contacting the server; the collection is looked up on first use and created on the
    /// first write.</summary>
    /// <exception cref="RagConfigurationException">An option is out of range.</exception>
    public static QdrantChunkStore Create(QdrantStoreOptions options, ILogger? logger = null) =>
        new(options ?? throw new ArgumentNullException(nameof(options)), logger ?? NullLogger.Instance);

    /// <inheritdoc />
    public StoreCapabilities Capabilities { get; } = new(FusesHybrid: true);

    /// <inheritdoc />
    public async Task<EmbeddingSpace?> GetEmbeddingSpaceAsync(CancellationToken cancellationToken = default) =>
        (await _collection.GetAsync(create: false, null, cancellationToken))?.Space;

    /// <inheritdoc />
    public Task EnsureEmbeddingSpaceAsync(EmbeddingSpace space, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(space);
        return _collection.GetAsync(create: true, space, cancellationToken);
    }

    /// <inheritdoc />
    public async Task UpsertDocumentAsync(DocumentRecord document, IReadOnlyList<ChunkRecord> chunks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(chunks);
        using var activity = RagTelemetry.Source.StartActivity("store.upsert");
        activity?.SetTag("rag.document.id", document.Id);
        activity?.SetTag("rag.chunks", chunks.Count);
        foreach (var chunk in chunks)
        {
            if (!string.Equals(chunk.DocumentId, document.Id, StringComparison.Ordinal))
                throw new RagException(RagErrorKind.InvalidInput, $"Chunk {chunk.Id} belongs to document {chunk.DocumentId}, not {document.Id}.");
        }
        if (chunks.Select(c => c.Id).Distinct().Count() != chunks.Count)
            throw new RagException(RagErrorKind.InvalidInput, $"The chunks of {document.Path} repeat a chunk id.");
        var space = EmbeddingSpace.FromChunks(chunks);
        await _collection.GetAsync(create: true, space, cancellationToken);
        await _writer.ReplaceAsync(document, chunks, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> DeleteDocumentAsync(string documentId, CancellationToken cancellationToken = default)
    {
        if (await _collection.GetAsync(create: false, null, cancellationToken) is null) return false;
        return await _writer.DeleteAsync(documentId, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<DocumentRecord?> GetDocumentAsync(string documentId, CancellationToken cancellationToken = default)
    {
        if (await _collection.GetAsync(create: false, null, cancellationToken) is null) return null;
        var state = await _writer.ReadStatesAsync([documentId], cancellationToken);
        return state.TryGetValue(documentId, out var s) ? s.Document : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DocumentRecord>> ListDocumentsAsync(CancellationToken cancellationToken = default)
    {
        if (await _collection.GetAsync(create: false, null, cancellationToken) is null) return [];
        var states = await _writer.ListStatesAsync(cancellationToken);
        return states.Select(s => s.Document).OrderBy(d => d.Path, StringComparer.Ordinal).ToList();
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ChunkRecord>> GetChunksAsync(string documentId, CancellationToken cancellationToken = default) =>
        GetChunksAsync(documentId, includeVectors: false, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<ChunkRecord>> GetChunksAsync(string documentId, bool includeVectors, CancellationToken cancellationToken = default)
    {
        if (await _collection.GetAsync(create: false, null, cancellationToken) is null) return [];
        var states = await _writer.ReadStatesAsync([documentId], cancellationToken);
        if (!states.TryGetValue(documentId, out var state)) return [];
        var points = await _points.ScrollAsync(QdrantFilterMapper.ChunksAtVersion(documentId, state.Version), includeVectors, cancellationToken);
        return points.Select(p => QdrantPointMapper.ReadChunk(p.Payload, p.Vectors)).OrderBy(c => c.Ordinal).ToList();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ScoredChunk>> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        if (request.Top == 0) return [];
        using var activity = RagTelemetry.Source.StartActivity("store.search." + request.Kind.ToString().ToLowerInvariant());
        if (await _collection.GetAsync(create: false, null, cancellationToken) is not { } collection) return [];
        if (request.Vector is { } vector)
        {
            // A lexical-only collection has nothing to match densely: a dense search finds nothing, a hybrid one is lexical.
            if (collection.Space is null)
            {
                if (request.Text is null) return [];
                request = request with { Vector = null };
            }
            else if (!collection.Space.Accepts(request.EmbeddingModel, vector.Length))
            {
                throw EmbeddingSpace.Mismatch(collection.Space, request.EmbeddingModel, vector.Length, _collection.Location);
            }
        }
        return await new QdrantSearch(_points, _writer, _options).SearchAsync(request, cancellationToken);
    }

    /// <inheritdoc />
    public async Task RecordFailureAsync(DocumentFailureRecord failure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(failure);
        await _collection.GetAsync(create: true, null, cancellationToken);
        await _points.UpsertAsync([QdrantPointMapper.Failure(failure)], cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DocumentFailureRecord>> ListFailuresAsync(CancellationToken cancellationToken = default)
    {
        if (await _collection.GetAsync(create: false, null, cancellationToken) is null) return [];
        var points = await _points.ScrollAsync(QdrantFilterMapper.OfKind(Keys.FailureKind), false, cancellationToken);
        return points.Select(p => QdrantPointMapper.ReadFailure(p.Payload)).OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
    }

    /// <inheritdoc />
    public async Task<StoreStats> StatsAsync(CancellationToken cancellationToken = default)
    {
        var location = $"{_options.Url} (collection {_options.Collection})";
        if (await _collection.GetAsync(create: false, null, cancellationToken) is null) return new StoreStats(0, 0, 0, [], location);
        var states = await _writer.ListStatesAsync(cancellationToken);
        var models = states.Select(s => s.ChunkModel).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new StoreStats(states.Count, states.Sum(s => (long)s.Document.ChunkCount), states.Sum(s => s.VectorCount), models, location);
    }

    /// <summary>Deletes the whole collection (every document, chunk and failure). For throwaway collections such as
    /// <c>rag eval</c>'s; returns false when it did not exist.</summary>
    public async Task<bool> DropCollectionAsync(CancellationToken cancellationToken = default)
    {
        var response = await _calls.RunAsync("deleting the collection", (deadline, ct) =>
            _client.Collections.DeleteAsync(new DeleteCollection { CollectionName = _options.Collection }, deadline: deadline, cancellationToken: ct).ResponseAsync,
            cancellationToken);
        return response.Result;
    }

    /// <summary>Closes the gRPC channel.</summary>
    public void Dispose() => _client.Dispose();
}
