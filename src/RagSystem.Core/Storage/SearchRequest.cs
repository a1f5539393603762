namespace RagSystem.Storage;

/// <summary>One search against a store: dense (by <see cref="Vector"/>) or lexical (by <see cref="Text"/>).
/// Exactly one of the two is set; fusing both is the retriever's job.</summary>
/// <param name="Vector">Unit-length query embedding for exact cosine search.</param>
/// <param name="Text">Query text for lexical (BM25) search.</param>
/// <param name="Top">Maximum results.</param>
/// <param name="Filter">Optional restriction.</param>
public sealed record SearchRequest(float[]? Vector, string? Text, int Top, SearchFilter? Filter = null)
{
    /// <summary>A dense search.</summary>
    public static SearchRequest Dense(float[] vector, int top, SearchFilter? filter = null) => new(vector, null, top, filter);

    /// <summary>A lexical search.</summary>
    public static SearchRequest Lexical(string text, int top, SearchFilter? filter = null) => new(null, text, top, filter);
}
