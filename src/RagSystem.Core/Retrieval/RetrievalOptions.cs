using RagSystem.Storage;

namespace RagSystem.Retrieval;

/// <summary>Per-query retrieval settings. Immutable: derive a request's own settings with <c>with</c>, so concurrent
/// requests never see each other's values.</summary>
public sealed record RetrievalOptions
{
    /// <summary>Number of chunks to return. Default 8.</summary>
    public int Top { get; init; } = 8;

    /// <summary>Candidates taken from each side (lexical, dense) before fusion. Default 100.</summary>
    public int CandidatesPerSide { get; init; } = 100;

    /// <summary>Reciprocal-rank-fusion constant k in 1/(k + rank). Default 60 (Cormack et al. 2009).</summary>
    public int RrfK { get; init; } = 60;

    /// <summary>Weight of the lexical ranking in fusion. Default 1.</summary>
    public double LexicalWeight { get; init; } = 1.0;

    /// <summary>Weight of the dense ranking in fusion. Default 1.</summary>
    public double DenseWeight { get; init; } = 1.0;

    /// <summary>Optional restriction by document, path prefix or tags.</summary>
    public SearchFilter? Filter { get; init; }

    /// <summary>Whether to apply the reranker when one is configured. Default true.</summary>
    public bool Rerank { get; init; } = true;
}
