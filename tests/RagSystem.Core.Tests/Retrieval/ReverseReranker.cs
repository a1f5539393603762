using RagSystem.Retrieval;

namespace RagSystem.Core.Tests.Retrieval;

/// <summary>A reranker for tests that reverses the candidates and records how many it saw.</summary>
internal sealed class ReverseReranker : IReranker
{
    public int LastCandidateCount { get; private set; }

    public Task<IReadOnlyList<RetrievedChunk>> RerankAsync(string query, IReadOnlyList<RetrievedChunk> candidates, CancellationToken cancellationToken = default)
    {
        LastCandidateCount = candidates.Count;
        IReadOnlyList<RetrievedChunk> reversed = candidates.Reverse().Select((c, i) => c with { RerankScore = -i, Score = -i }).ToList();
        return Task.FromResult(reversed);
    }
}
