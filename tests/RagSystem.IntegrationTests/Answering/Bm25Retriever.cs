using RagSystem.Retrieval;
using RagSystem.Storage;

namespace RagSystem.IntegrationTests.Answering;

/// <summary>Adapts <see cref="Bm25Index"/> to <see cref="IRetriever"/>, optionally hiding some documents, so the real
/// <see cref="RagSystem.Answering.Answerer"/> can be run over SciFact.</summary>
internal sealed class Bm25Retriever(Bm25Index index, IReadOnlyList<string> texts, IReadOnlySet<string>? excludedDocs = null) : IRetriever
{
    public string Mode => "bm25 (test)";

    public Task<IReadOnlyList<RetrievedChunk>> RetrieveAsync(string query, RetrievalOptions options, CancellationToken cancellationToken = default)
    {
        var hits = index.Search(query, options.Top, excludedDocs);
        IReadOnlyList<RetrievedChunk> chunks = hits.Select((p, rank) => new RetrievedChunk(
            new ChunkRecord(Guid.NewGuid(), index.DocIdOf(p), p, texts[p], 0, null, null, [], 0, texts[p].Length, null, null),
            index.DocIdOf(p), 1.0 / (60 + rank + 1))).ToList();
        return Task.FromResult(chunks);
    }
}
