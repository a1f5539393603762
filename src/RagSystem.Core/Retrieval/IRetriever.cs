namespace RagSystem.Retrieval;

/// <summary>Finds the chunks most relevant to a query.</summary>
public interface IRetriever
{
    /// <summary>A short description of how this retriever works right now, such as <c>hybrid</c> or <c>lexical</c>.</summary>
    string Mode { get; }

    /// <summary>Returns up to <see cref="RetrievalOptions.Top"/> chunks, best first.</summary>
    Task<IReadOnlyList<RetrievedChunk>> RetrieveAsync(string query, RetrievalOptions options, CancellationToken cancellationToken = default);
}
