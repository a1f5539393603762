namespace RagSystem.Storage;

/// <summary>One search against a store. <see cref="Vector"/> alone is a dense search, <see cref="Text"/> alone a lexical
/// one, and both together a hybrid search that the store fuses itself by reciprocal-rank fusion; only stores whose
/// <see cref="StoreCapabilities.FusesHybrid"/> is true accept both (the retriever fuses two single-side searches otherwise).</summary>
/// <param name="Vector">Unit-length query embedding for cosine search.</param>
/// <param name="Text">Query text for lexical (BM25 or BM25-like) search.</param>
/// <param name="Top">Maximum results.</param>
/// <param name="Filter">Optional restriction.</param>
public sealed record SearchRequest(float[]? Vector, string? Text, int Top, SearchFilter? Filter = null)
{
    /// <summary>In a hybrid search: candidates taken from each side before fusion. Values below <see cref="Top"/> count
    /// as <see cref="Top"/>. Default 0 (that is, <see cref="Top"/>).</summary>
    public int CandidatesPerSide { get; init; }

    /// <summary>In a hybrid search: the fusion constant k in 1/(k + rank), ranks counted from 1. Default 60.</summary>
    public int RrfK { get; init; } = 60;

    /// <summary>The embedding model that produced <see cref="Vector"/>. When set, a store built with another model refuses
    /// the search (<see cref="RagErrorKind.Conflict"/>) instead of comparing vectors from different spaces. Default null.</summary>
    public string? EmbeddingModel { get; init; }

    /// <summary>Whether the returned chunks carry their vectors. Default false: vectors are large and few callers need them.</summary>
    public bool IncludeVectors { get; init; }

    /// <summary>Which sides the request uses.</summary>
    public SearchKind Kind => (Vector, Text) switch
    {
        (not null, not null) => SearchKind.Hybrid,
        (not null, null) => SearchKind.Dense,
        (null, not null) => SearchKind.Lexical,
        _ => throw new RagException(RagErrorKind.InvalidInput, "A search request needs a query vector, a query text, or both."),
    };

    /// <summary>The per-side candidate count of a hybrid search.</summary>
    public int EffectiveCandidatesPerSide => Math.Max(Top, CandidatesPerSide);

    /// <summary>A dense search.</summary>
    public static SearchRequest Dense(float[] vector, int top, SearchFilter? filter = null) => new(vector, null, top, filter);

    /// <summary>A lexical search.</summary>
    public static SearchRequest Lexical(string text, int top, SearchFilter? filter = null) => new(null, text, top, filter);

    /// <summary>A hybrid search fused by the store: <paramref name="candidatesPerSide"/> from each side, then RRF with
    /// <paramref name="rrfK"/> and equal weights.</summary>
    public static SearchRequest Hybrid(float[] vector, string text, int top, int candidatesPerSide, int rrfK = 60, SearchFilter? filter = null) =>
        new(vector, text, top, filter) { CandidatesPerSide = candidatesPerSide, RrfK = rrfK };

    /// <summary>Checks the parts every store checks the same way.</summary>
    /// <exception cref="RagException">The request is malformed (<see cref="RagErrorKind.InvalidInput"/>).</exception>
    public void Validate()
    {
        _ = Kind;
        if (Top < 0) throw new RagException(RagErrorKind.InvalidInput, $"A search's Top is {Top}; it must not be negative.");
        if (RrfK < 1) throw new RagException(RagErrorKind.InvalidInput, $"A hybrid search's RrfK is {RrfK}; it must be at least 1.");
        if (Vector is { Length: 0 }) throw new RagException(RagErrorKind.InvalidInput, "The query vector is empty.");
    }
}
