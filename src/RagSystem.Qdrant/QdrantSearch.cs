using System.Numerics.Tensors;
using Qdrant.Client.Grpc;
using RagSystem.Storage;
using Keys = RagSystem.Qdrant.QdrantPayloadKeys;

namespace RagSystem.Qdrant;

/// <summary>One search: the Query API call, then the version check that hides points of superseded or unfinished writes.</summary>
internal sealed class QdrantSearch(QdrantPoints points, QdrantDocumentWriter writer, QdrantStoreOptions options)
{
    private const int MaxWidening = 3;

    public async Task<IReadOnlyList<ScoredChunk>> SearchAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        var limit = request.Top;
        for (var attempt = 0; ; attempt++)
        {
            var query = QdrantQueryMapper.Build(options.Collection, request, limit, options.RemoveStopWords);
            if (query is null) return [];
            var hits = await points.QueryAsync(query, cancellationToken);
            var states = await writer.ReadStatesAsync(hits.Select(h => h.Payload[Keys.DocumentId].StringValue), cancellationToken);
            var current = hits.Where(h => states.TryGetValue(h.Payload[Keys.DocumentId].StringValue, out var s) && s.Version == h.Payload[Keys.Version].StringValue).ToList();
            // Stale points (a replace in flight, or one a crash interrupted) took places in the list: ask for more.
            if (current.Count == hits.Count || hits.Count < limit || attempt == MaxWidening)
            {
                return current.Take(request.Top).Select(h => ToScoredChunk(h, states[h.Payload[Keys.DocumentId].StringValue].Document.Path, request)).ToList();
            }
            limit = Math.Min(limit * 2 + (hits.Count - current.Count), 10_000);
        }
    }

    private static ScoredChunk ToScoredChunk(ScoredPoint hit, string path, SearchRequest request)
    {
        var chunk = QdrantPointMapper.ReadChunk(hit.Payload, hit.Vectors);
        double? dense = null;
        if (request.Kind == SearchKind.Hybrid && chunk.Vector is { } vector && request.Vector is { } query && vector.Length == query.Length)
        {
            // The fused score hides the sides; the cosine is cheap to recompute for the few returned points.
            dense = TensorPrimitives.CosineSimilarity(vector, query);
        }
        if (!request.IncludeVectors) chunk = chunk with { Vector = null };
        return new ScoredChunk(chunk, path, hit.Score, DenseScore: dense);
    }
}
