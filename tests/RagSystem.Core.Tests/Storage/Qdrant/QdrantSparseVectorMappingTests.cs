using RagSystem.Qdrant;
using RagSystem.Storage.Lexical;

namespace RagSystem.Core.Tests.Storage.Qdrant;

/// <summary>Sparse vectors as Qdrant requires them (openapi <c>SparseVector</c>: "indices must be unique", values the same
/// length as indices; Qdrant sorts them itself, we send them sorted) and as BM25 with the IDF modifier needs them.</summary>
public sealed class QdrantSparseVectorMappingTests
{
    [Fact]
    public void Document_vector_has_sorted_unique_indices_and_one_positive_value_each()
    {
        var vector = SparseTermVector.ForDocument("Running runners run; the models ran. Running again!", "Models / Running", headingWeight: 2);
        var sparse = QdrantPointMapper.Sparse(vector);

        Assert.Equal(sparse.Indices.Count, sparse.Values.Count);
        Assert.True(sparse.Indices.Zip(sparse.Indices.Skip(1)).All(p => p.First < p.Second), "indices must be strictly ascending");
        Assert.All(sparse.Values, v => Assert.True(v > 0));
        Assert.Equal(vector.Indices, sparse.Indices);
        Assert.Equal(vector.Values, sparse.Values);
    }

    [Fact]
    public void Terms_are_stemmed_and_counted_once_per_index_with_saturating_weight()
    {
        var vector = SparseTermVector.ForDocument("connect connected connecting connection other", "", headingWeight: 0);
        var connect = Array.IndexOf(vector.Indices, SparseTermVector.TermId("connect"));
        var other = Array.IndexOf(vector.Indices, SparseTermVector.TermId("other"));

        Assert.Equal(2, vector.Indices.Length);
        Assert.True(connect >= 0 && other >= 0);
        // BM25 term frequency part: more occurrences weigh more, but less than proportionally.
        Assert.InRange(vector.Values[connect], vector.Values[other] * 1.2f, vector.Values[other] * 4f);
    }

    [Fact]
    public void Query_vector_weighs_each_distinct_term_once_and_drops_stop_words()
    {
        var vector = SparseTermVector.ForQuery("What is the attention in attention models?");

        Assert.Equal(new[] { "attent", "model" }.Select(SparseTermVector.TermId).Order(), vector.Indices);
        Assert.All(vector.Values, v => Assert.Equal(1f, v));
        Assert.True(SparseTermVector.ForQuery("?!").IsEmpty);
    }

    [Fact]
    public void Term_ids_are_stable_across_processes()
    {
        // FNV-1a 32-bit reference values: a hash that changed would silently break every stored collection.
        Assert.Equal(0x811C9DC5u, SparseTermVector.TermId(""));
        Assert.Equal(0xE40C292Cu, SparseTermVector.TermId("a"));
        Assert.Equal(0xBF9CF968u, SparseTermVector.TermId("foobar"));
    }
}
