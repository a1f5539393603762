using RagSystem.Retrieval;

namespace RagSystem.Core.Tests.Answering;

/// <summary>Reverses the candidates and marks them reranked; counts its calls.</summary>
internal sealed class FakeReranker : IReranker
{
    public int Calls { get; private set; }

    public Task<IReadOnlyList<RetrievedChunk>> RerankAsync(string query, IReadOnlyList<RetrievedChunk> candidates, CancellationToken cancellationToken = default)
    {
        Calls++;
        return Task.FromResult<IReadOnlyList<RetrievedChunk>>(
            candidates.Reverse().Select((c, i) => c with { RerankScore = 10 - i, Score = 10 - i }).ToList());
    }
}
