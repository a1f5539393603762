using Qdrant.Client.Grpc;
using RagSystem.Storage;
using RagSystem.Storage.Lexical;
using Keys = RagSystem.Qdrant.QdrantPayloadKeys;

namespace RagSystem.Qdrant;

/// <summary>Maps a <see cref="SearchRequest"/> onto one Query API request: a nearest-neighbour query on the dense or the
/// sparse vector, or both as prefetches fused by RRF.</summary>
internal static class QdrantQueryMapper
{
    /// <summary>The request for <paramref name="request"/>, returning at most <paramref name="limit"/> points (the caller
    /// asks for a few more than <see cref="SearchRequest.Top"/> when it must drop points of superseded versions).
    /// Null when there is nothing to search for (a query text without words and no vector).</summary>
    public static QueryPoints? Build(string collection, SearchRequest request, int limit, bool removeStopWords)
    {
        var filter = QdrantFilterMapper.Chunks(request.Filter);
        var sparse = request.Text is null ? null : SparseTermVector.ForQuery(request.Text, removeStopWords);
        var query = new QueryPoints
        {
            CollectionName = collection,
            Filter = filter,
            Limit = (ulong)limit,
            WithPayload = new WithPayloadSelector { Enable = true },
            WithVectors = Vectors(request.IncludeVectors || request.Kind == SearchKind.Hybrid),
        };
        switch (request.Kind)
        {
            case SearchKind.Dense:
                query.Query = Nearest(request.Vector!);
                query.Using = Keys.DenseVector;
                return query;
            case SearchKind.Lexical:
                if (sparse!.IsEmpty) return null;
                query.Query = Nearest(sparse);
                query.Using = Keys.SparseVector;
                return query;
            default:
                var candidates = (ulong)request.EffectiveCandidatesPerSide;
                query.Prefetch.Add(new PrefetchQuery { Query = Nearest(request.Vector!), Using = Keys.DenseVector, Filter = filter, Limit = candidates });
                if (!sparse!.IsEmpty)
                {
                    query.Prefetch.Add(new PrefetchQuery { Query = Nearest(sparse), Using = Keys.SparseVector, Filter = filter, Limit = candidates });
                }
                // Qdrant scores a point at 0-based position p as 1/(p + k); we rank from 1 as 1/(k + rank) (Cormack et al.),
                // so Qdrant's k is ours plus one and the fused scores are equal.
                query.Query = new Query { Rrf = new Rrf { K = (uint)(request.RrfK + 1) } };
                return query;
        }
    }

    /// <summary>No vectors, or the dense one only (hybrid searches score the dense side from it; callers get it only when asked).</summary>
    private static WithVectorsSelector Vectors(bool dense)
    {
        if (!dense) return new WithVectorsSelector { Enable = false };
        var selector = new VectorsSelector();
        selector.Names.Add(Keys.DenseVector);
        return new WithVectorsSelector { Include = selector };
    }

    private static Query Nearest(float[] vector)
    {
        var dense = new DenseVector();
        dense.Data.AddRange(vector);
        return new Query { Nearest = new VectorInput { Dense = dense } };
    }

    private static Query Nearest(SparseTermVector vector) =>
        new() { Nearest = new VectorInput { Sparse = QdrantPointMapper.Sparse(vector) } };
}
