using RagSystem.Answering;
using RagSystem.Retrieval;

namespace RagSystem.Core.Tests.Answering;

/// <summary>A retriever over a list of chunks: ranks by shared content words, records its calls.</summary>
internal sealed class InMemoryRetriever(IReadOnlyList<RetrievedChunk> chunks) : IRetriever
{
    public string Mode => "in-memory";

    public List<(string Query, RetrievalOptions Options)> Calls { get; } = [];

    /// <summary>When set, returned as is (in this order) instead of ranking.</summary>
    public bool KeepOrder { get; init; }

    public Task<IReadOnlyList<RetrievedChunk>> RetrieveAsync(string query, RetrievalOptions options, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Calls.Add((query, options));
        var stems = ContentWords.StemSet(query);
        IEnumerable<RetrievedChunk> ranked = KeepOrder
            ? chunks
            : chunks.Select(c => c with { Score = ContentWords.StemSet(c.Chunk.Text).Count(stems.Contains) })
                .Where(c => c.Score > 0)
                .OrderByDescending(c => c.Score);
        return Task.FromResult<IReadOnlyList<RetrievedChunk>>(ranked.Take(options.Top).ToList());
    }
}
