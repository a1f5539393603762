namespace RagSystem.Retrieval;

/// <summary>Reorders candidates by a finer relevance model (for example a cross-encoder).</summary>
public interface IReranker
{
    /// <summary>Returns the candidates re-scored (<see cref="RetrievedChunk.RerankScore"/> set) and sorted best first.</summary>
    Task<IReadOnlyList<RetrievedChunk>> RerankAsync(string query, IReadOnlyList<RetrievedChunk> candidates, CancellationToken cancellationToken = default);
}
