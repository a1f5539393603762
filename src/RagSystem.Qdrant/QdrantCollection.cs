using Grpc.Core;
using Microsoft.Extensions.Logging;
using Qdrant.Client.Grpc;
using RagSystem.Storage;

namespace RagSystem.Qdrant;

/// <summary>The store's collection: looked up on first use, created on the first write, and checked for its embedding space
/// and analyzer. Thread-safe; the lookup runs once however many callers arrive together.</summary>
internal sealed class QdrantCollection(QdrantGrpcClient client, QdrantCallRunner calls, QdrantStoreOptions options, ILogger logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile State? _state;

    /// <summary>What a collection holds.</summary>
    /// <param name="Space">Its embedding space, or null when lexical-only.</param>
    public sealed record State(EmbeddingSpace? Space);

    /// <summary>Where the collection lives, for messages.</summary>
    public string Location => $"Qdrant collection '{options.Collection}' at {options.Url}";

    /// <summary>The collection's state, or null when it does not exist (and <paramref name="create"/> is false). Creating
    /// uses <paramref name="space"/> for the dense vector; a collection that exists is checked against it.</summary>
    /// <exception cref="RagException">The collection holds another embedding space, or was not built by this store.</exception>
    public async Task<State?> GetAsync(bool create, EmbeddingSpace? space, CancellationToken cancellationToken)
    {
        var state = _state;
        if (state is null || (space is not null && state.Space is null))
        {
            await _gate.WaitAsync(cancellationToken);
            try
            {
                state = _state ?? await LookUpAsync(cancellationToken);
                if (state is null && create) state = await CreateAsync(space, cancellationToken);
                _state = state;
            }
            finally
            {
                _gate.Release();
            }
        }
        if (state is not null && space is not null) Check(state, space);
        return state;
    }

    private void Check(State state, EmbeddingSpace space)
    {
        if (state.Space is null)
        {
            throw new RagException(RagErrorKind.Conflict,
                $"{Location} was created without an embedding model (lexical only), so it cannot hold '{space.Model}' vectors; " +
                "delete the collection to rebuild it, or set Store:Qdrant:Collection to a new name.");
        }
        if (!state.Space.Accepts(space.Model, space.Dimensions)) throw EmbeddingSpace.Mismatch(state.Space, space.Model, space.Dimensions, Location);
    }

    private async Task<State?> LookUpAsync(CancellationToken cancellationToken)
    {
        try
        {
            var response = await calls.RunAsync("reading the collection", (deadline, ct) =>
                client.Collections.GetAsync(new GetCollectionInfoRequest { CollectionName = options.Collection }, deadline: deadline, cancellationToken: ct).ResponseAsync,
                cancellationToken);
            var analyzer = QdrantCollectionMapper.ReadAnalyzer(response.Result);
            if (analyzer != QdrantPayloadKeys.AnalyzerId)
            {
                throw new RagException(RagErrorKind.Conflict, analyzer is null
                    ? $"{Location} was not created by RagSystem; set Store:Qdrant:Collection to another name."
                    : $"{Location} was built with the lexical analyzer '{analyzer}', this build uses '{QdrantPayloadKeys.AnalyzerId}'; re-ingest into a new collection.");
            }
            return new State(QdrantCollectionMapper.ReadSpace(response.Result));
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
    }

    private async Task<State> CreateAsync(EmbeddingSpace? space, CancellationToken cancellationToken)
    {
        try
        {
            await calls.RunAsync("creating the collection", (deadline, ct) =>
                client.Collections.CreateAsync(QdrantCollectionMapper.Create(options, space), deadline: deadline, cancellationToken: ct).ResponseAsync,
                cancellationToken);
        }
        catch (RagException ex) when (ex.InnerException is RpcException { StatusCode: StatusCode.AlreadyExists } or RpcException { StatusCode: StatusCode.InvalidArgument })
        {
            // Another writer created it first: use theirs (and check it).
            if (await LookUpAsync(cancellationToken) is { } existing) return existing;
            throw;
        }
        foreach (var field in QdrantCollectionMapper.KeywordIndexes)
        {
            await calls.RunAsync($"indexing '{field}'", (deadline, ct) =>
                client.Points.CreateFieldIndexAsync(QdrantCollectionMapper.KeywordIndex(options.Collection, field), deadline: deadline, cancellationToken: ct).ResponseAsync,
                cancellationToken);
        }
        logger.LogInformation("Created {Location} ({Space})", Location, space is null ? "lexical only" : $"{space.Model}, {space.Dimensions} dimensions");
        return new State(space);
    }
}
