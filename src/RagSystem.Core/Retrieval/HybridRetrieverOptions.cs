namespace RagSystem.Retrieval;

/// <summary>Settings of <see cref="HybridRetriever"/> that do not change per query.</summary>
public sealed class HybridRetrieverOptions
{
    /// <summary>How many fused candidates the reranker sees (at least <see cref="RetrievalOptions.Top"/>). Default 30:
    /// a cross-encoder costs one model pass per candidate, so this bounds reranking latency.</summary>
    public int RerankCandidates { get; set; } = 30;
}
