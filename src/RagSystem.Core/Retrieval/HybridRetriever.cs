using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RagSystem.Diagnostics;
using RagSystem.Embeddings;
using RagSystem.Storage;

namespace RagSystem.Retrieval;

/// <summary>Lexical (BM25) and dense (cosine) candidates from an <see cref="IChunkStore"/>, fused by reciprocal-rank fusion,
/// then optionally reranked. A store that fuses itself (<see cref="StoreCapabilities.FusesHybrid"/>) gets one hybrid request
/// when the two sides weigh the same; otherwise the two sides are searched concurrently and fused here with
/// <see cref="RrfFusion"/>. Both paths rank alike on the same data. Without an embedding generator it is lexical only.</summary>
public sealed class HybridRetriever : IRetriever
{
    private readonly IChunkStore _store;
    private readonly IEmbeddingGenerator<string, Embedding<float>>? _embeddingGenerator;
    private readonly IReranker? _reranker;
    private readonly HybridRetrieverOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates the retriever.</summary>
    /// <param name="store">Where the chunks live.</param>
    /// <param name="embeddingGenerator">Embeds queries for dense search; null means lexical only.</param>
    /// <param name="reranker">Reorders the fused candidates; null means no reranking.</param>
    /// <param name="options">Fixed settings; defaults when null.</param>
    /// <param name="logger">Diagnostics; none when null.</param>
    public HybridRetriever(
        IChunkStore store,
        IEmbeddingGenerator<string, Embedding<float>>? embeddingGenerator = null,
        IReranker? reranker = null,
        HybridRetrieverOptions? options = null,
        ILogger<HybridRetriever>? logger = null)
    {
        _store = store;
        _embeddingGenerator = embeddingGenerator;
        _reranker = reranker;
        _options = options ?? new HybridRetrieverOptions();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The mode for default <see cref="RetrievalOptions"/>: <c>lexical</c> or <c>hybrid</c>, with <c>+rerank</c> when a reranker is set.</summary>
    public string Mode => ModeFor(new RetrievalOptions());

    /// <summary>The mode a query with <paramref name="options"/> runs in: <c>lexical</c>, <c>dense</c> or <c>hybrid</c>, plus <c>+rerank</c>.</summary>
    public string ModeFor(RetrievalOptions options)
    {
        var (lexical, dense) = Sides(options);
        var mode = lexical && dense ? "hybrid" : dense ? "dense" : "lexical";
        return _reranker is not null && options.Rerank ? mode + "+rerank" : mode;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RetrievedChunk>> RetrieveAsync(string query, RetrievalOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(query) || options.Top <= 0) return [];
        using var activity = RagTelemetry.Source.StartActivity("retrieve");
        var mode = ModeFor(options);
        activity?.SetTag("rag.retrieval.mode", mode);

        var (useLexical, useDense) = Sides(options);
        var candidates = Math.Max(options.CandidatesPerSide, options.Top);
        var fused = useLexical && useDense && _store.Capabilities.FusesHybrid && options.LexicalWeight == options.DenseWeight
            ? await StoreFusedSearchAsync(query, options, candidates, cancellationToken)
            : await ClientFusedSearchAsync(query, options, useLexical, useDense, candidates, cancellationToken);
        _logger.LogDebug("Retrieved {Fused} fused candidates ({Mode})", fused.Count, mode);

        if (_reranker is null || !options.Rerank || fused.Count == 0) return fused.Take(options.Top).ToList();
        using (RagTelemetry.Source.StartActivity("rerank"))
        {
            var pool = fused.Take(Math.Max(options.Top, _options.RerankCandidates)).ToList();
            var reranked = await _reranker.RerankAsync(query, pool, cancellationToken);
            return reranked.Take(options.Top).ToList();
        }
    }

    private async Task<IReadOnlyList<RetrievedChunk>> StoreFusedSearchAsync(string query, RetrievalOptions options, int candidates, CancellationToken cancellationToken)
    {
        var (vector, model) = await EmbedQueryAsync(query, cancellationToken);
        // The fused list is cut where the client-side path would cut it: the reranker's pool, or Top.
        var limit = _reranker is not null && options.Rerank ? Math.Max(options.Top, _options.RerankCandidates) : options.Top;
        var request = SearchRequest.Hybrid(vector, query, Math.Min(limit, 2 * candidates), candidates, options.RrfK, options.Filter) with { EmbeddingModel = model };
        var hits = await _store.SearchAsync(request, cancellationToken);
        // The store fuses with weight 1 on each side; RrfFusion scales both by the common weight, which keeps the order.
        return hits.Select(h => new RetrievedChunk(h.Chunk, h.DocumentPath, h.Score * options.LexicalWeight, h.LexicalScore, h.DenseScore)).ToList();
    }

    private async Task<IReadOnlyList<RetrievedChunk>> ClientFusedSearchAsync(
        string query, RetrievalOptions options, bool useLexical, bool useDense, int candidates, CancellationToken cancellationToken)
    {
        var lexicalTask = useLexical
            ? _store.SearchAsync(SearchRequest.Lexical(query, candidates, options.Filter), cancellationToken)
            : Task.FromResult<IReadOnlyList<ScoredChunk>>([]);
        var denseTask = useDense
            ? DenseSearchAsync(query, candidates, options.Filter, cancellationToken)
            : Task.FromResult<IReadOnlyList<ScoredChunk>>([]);
        await Task.WhenAll(lexicalTask, denseTask);
        var lexical = await lexicalTask;
        var dense = await denseTask;

        // A side that is switched off still counts with weight 1 when it is the only one, so lexical-only keeps BM25 order.
        return RrfFusion.Fuse(lexical, dense, options.RrfK,
            useDense ? options.LexicalWeight : 1.0,
            useLexical ? options.DenseWeight : 1.0);
    }

    private (bool Lexical, bool Dense) Sides(RetrievalOptions options)
    {
        var dense = _embeddingGenerator is not null && options.DenseWeight > 0;
        var lexical = options.LexicalWeight > 0 || !dense;
        return (lexical, dense);
    }

    private async Task<IReadOnlyList<ScoredChunk>> DenseSearchAsync(string query, int top, SearchFilter? filter, CancellationToken cancellationToken)
    {
        var (vector, model) = await EmbedQueryAsync(query, cancellationToken);
        return await _store.SearchAsync(SearchRequest.Dense(vector, top, filter) with { EmbeddingModel = model }, cancellationToken);
    }

    private async Task<(float[] Vector, string? Model)> EmbedQueryAsync(string query, CancellationToken cancellationToken)
    {
        var generationOptions = new EmbeddingGenerationOptions
        {
            AdditionalProperties = new AdditionalPropertiesDictionary { [EmbeddingInputKind.PropertyName] = EmbeddingInputKind.Query },
        };
        var embeddings = await _embeddingGenerator!.GenerateAsync([query], generationOptions, cancellationToken);
        if (embeddings.Count != 1)
        {
            throw new InvalidOperationException($"The embedding generator returned {embeddings.Count} embeddings for one query.");
        }
        var vector = embeddings[0].Vector.ToArray();
        // The store scores by dot product, which is the cosine only for unit vectors.
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0 && Math.Abs(norm - 1f) > 1e-3f) TensorPrimitives.Divide(vector, norm, vector);
        // The same id ingestion records, so a store built with another model refuses the query instead of mixing spaces.
        return (vector, EmbeddingSpace.ModelIdOf(_embeddingGenerator));
    }
}
