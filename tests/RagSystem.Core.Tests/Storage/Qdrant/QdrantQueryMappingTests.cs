using Qdrant.Client.Grpc;
using RagSystem.Qdrant;
using RagSystem.Retrieval;
using RagSystem.Storage;
using RagSystem.Storage.Lexical;

namespace RagSystem.Core.Tests.Storage.Qdrant;

/// <summary>Searches as Query API requests (openapi <c>QueryRequest</c>/<c>Prefetch</c>): <c>using</c> names the vector
/// searched, <c>prefetch</c> sub-requests run first and the outer <c>query</c> combines their results, <c>limit</c> caps each
/// level, and the <c>rrf</c> query scores a point at 0-based position p of each prefetch as 1/(p + k).</summary>
public sealed class QdrantQueryMappingTests
{
    private static readonly float[] Vector = [0.6f, 0.8f, 0f];

    [Fact]
    public void Hybrid_search_is_two_filtered_prefetches_fused_by_rrf_in_one_request()
    {
        var filter = new SearchFilter(Tags: ["t"]);
        var request = SearchRequest.Hybrid(Vector, "attention heads", top: 8, candidatesPerSide: 100, rrfK: 60, filter);

        var query = QdrantQueryMapper.Build("rag", request, limit: 8, removeStopWords: true)!;

        Assert.Equal("rag", query.CollectionName);
        Assert.Equal(8ul, query.Limit);
        Assert.Equal(2, query.Prefetch.Count);
        var dense = query.Prefetch[0];
        Assert.Equal(("dense", 100ul), (dense.Using, dense.Limit));
        Assert.Equal(Vector, dense.Query.Nearest.Dense.Data);
        var sparse = query.Prefetch[1];
        Assert.Equal(("lexical", 100ul), (sparse.Using, sparse.Limit));
        var expectedSparse = SparseTermVector.ForQuery("attention heads");
        Assert.Equal(expectedSparse.Indices, sparse.Query.Nearest.Sparse.Indices);
        Assert.Equal(expectedSparse.Values, sparse.Query.Nearest.Sparse.Values);
        // The same filter on both sides and on the fused level.
        var expectedFilter = QdrantFilterMapper.Chunks(filter);
        Assert.Equal(expectedFilter, dense.Filter);
        Assert.Equal(expectedFilter, sparse.Filter);
        Assert.Equal(expectedFilter, query.Filter);
        // RRF with equal weights (none sent) and k one more than ours, because Qdrant counts positions from 0.
        Assert.Equal(Query.VariantOneofCase.Rrf, query.Query.VariantCase);
        Assert.Equal(61u, query.Query.Rrf.K);
        Assert.Empty(query.Query.Rrf.Weights);
        Assert.True(query.WithPayload.Enable);
        // Only the dense vector comes back (to report each hit's cosine); never the sparse one.
        Assert.Equal(["dense"], query.WithVectors.Include.Names);
    }

    [Fact]
    public void Qdrant_rrf_with_the_mapped_k_scores_exactly_like_RrfFusion()
    {
        var request = SearchRequest.Hybrid(Vector, "x", 5, 5, rrfK: 60);
        var k = (int)QdrantQueryMapper.Build("rag", request, 5, true)!.Query.Rrf.K;
        var chunk = new ChunkRecord(Guid.NewGuid(), "d", 0, "x", 1, null, null, [], 0, 1, null, null);
        var hit = new ScoredChunk(chunk, "p", 1);
        var others = Enumerable.Range(0, 2).Select(_ => new ScoredChunk(chunk with { Id = Guid.NewGuid() }, "p", 1)).ToList();

        // Our chunk at rank 3 on the lexical side and rank 1 on the dense side.
        var ours = RrfFusion.Fuse([others[0], others[1], hit], [hit], 60, 1, 1).Single(r => r.Chunk.Id == chunk.Id).Score;
        var qdrant = 1.0 / (2 + k) + 1.0 / (0 + k); // Qdrant: 1 / (position + k), positions 2 and 0.

        Assert.Equal(ours, qdrant, 12);
    }

    [Fact]
    public void Dense_and_lexical_searches_query_one_named_vector_without_prefetch()
    {
        var dense = QdrantQueryMapper.Build("rag", SearchRequest.Dense(Vector, 5), 7, true)!;
        Assert.Equal(("dense", 7ul), (dense.Using, dense.Limit));
        Assert.Empty(dense.Prefetch);
        Assert.Equal(Vector, dense.Query.Nearest.Dense.Data);
        Assert.False(dense.WithVectors.Enable);
        Assert.Null(dense.WithVectors.Include);

        var lexical = QdrantQueryMapper.Build("rag", SearchRequest.Lexical("models", 5), 5, true)!;
        Assert.Equal("lexical", lexical.Using);
        Assert.Equal([SparseTermVector.TermId("model")], lexical.Query.Nearest.Sparse.Indices);

        var withVectors = QdrantQueryMapper.Build("rag", SearchRequest.Dense(Vector, 5) with { IncludeVectors = true }, 5, true)!;
        Assert.Equal(["dense"], withVectors.WithVectors.Include.Names);
    }

    [Fact]
    public void A_query_text_without_words_sends_nothing_or_searches_only_densely()
    {
        Assert.Null(QdrantQueryMapper.Build("rag", SearchRequest.Lexical("?! --", 5), 5, true));
        var hybrid = QdrantQueryMapper.Build("rag", SearchRequest.Hybrid(Vector, "?!", 5, 10), 5, true)!;
        Assert.Equal("dense", Assert.Single(hybrid.Prefetch).Using);
    }
}
