using RagSystem.Storage;
using RagSystem.Testing;
using static RagSystem.Core.Tests.Storage.StoreSamples;

namespace RagSystem.Core.Tests.Storage;

public sealed class DenseSearchTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Exact_top_k_equals_a_brute_force_reference_across_parallel_partitions()
    {
        const int count = 40_000, dimension = 16, top = 25;
        var random = new Random(42);
        using var dir = new TempDirectory();
        // Two threads and 40k rows: the search runs in two partitions whose heaps are merged.
        using var store = await OpenAsync(dir.Path, new SqliteStoreOptions { DenseSearchThreads = 2 });
        var documents = Enumerable.Range(0, 4).Select(i => Document($"doc{i}.txt", chunkCount: count / 4)).ToArray();
        var vectors = new Dictionary<Guid, float[]>();
        foreach (var doc in documents)
        {
            var chunks = Enumerable.Range(0, count / 4).Select(i => Chunk(doc, i, "x", RandomUnit(random, dimension))).ToList();
            foreach (var c in chunks) vectors[c.Id] = c.Vector!;
            await store.UpsertDocumentAsync(doc, chunks, Ct);
        }

        for (var q = 0; q < 5; q++)
        {
            var query = RandomUnit(random, dimension);
            var expected = vectors.Select(p => (Id: p.Key, Score: Dot(p.Value, query)))
                .OrderByDescending(p => p.Score).Take(top).ToList();

            var hits = await store.SearchAsync(SearchRequest.Dense(query, top), Ct);

            Assert.Equal(expected.Select(e => e.Id), hits.Select(h => h.Chunk.Id));
            for (var i = 0; i < top; i++) Assert.Equal(expected[i].Score, hits[i].Score, 4);
        }

        var filtered = await store.SearchAsync(SearchRequest.Dense(vectors.Values.First(), top, new SearchFilter(DocumentIds: [documents[2].Id])), Ct);
        Assert.Equal(top, filtered.Count);
        Assert.All(filtered, h => Assert.Equal(documents[2].Id, h.Chunk.DocumentId));
    }

    [Fact]
    public async Task The_vector_cache_follows_writes()
    {
        using var dir = new TempDirectory();
        using var store = await OpenAsync(dir.Path);
        var a = Document("a.md");
        await store.UpsertDocumentAsync(a, [Chunk(a, 0, "a", Axis(0))], Ct);
        Assert.Equal("a.md", (await store.SearchAsync(SearchRequest.Dense(Axis(1), 1), Ct))[0].DocumentPath);

        var b = Document("b.md");
        await store.UpsertDocumentAsync(b, [Chunk(b, 0, "b", Axis(1))], Ct);
        Assert.Equal("b.md", (await store.SearchAsync(SearchRequest.Dense(Axis(1), 1), Ct))[0].DocumentPath);

        // A second store object on the same file (another process, in effect) writes; the first one must notice.
        using (var other = await OpenAsync(dir.Path))
        {
            var c = Document("c.md");
            await other.UpsertDocumentAsync(c, [Chunk(c, 0, "c", Axis(2))], Ct);
        }
        Assert.Equal("c.md", (await store.SearchAsync(SearchRequest.Dense(Axis(2), 1), Ct))[0].DocumentPath);
    }

    [Fact]
    public async Task A_query_of_the_wrong_dimension_is_refused_with_a_clear_message()
    {
        using var dir = new TempDirectory();
        using var store = await OpenAsync(dir.Path);
        var a = Document("a.md");
        await store.UpsertDocumentAsync(a, [Chunk(a, 0, "a", Axis(0, dimension: 4))], Ct);
        var ex = await Assert.ThrowsAsync<RagException>(() => store.SearchAsync(SearchRequest.Dense(Axis(0, dimension: 8), 1), Ct));
        Assert.Contains("Re-ingest", ex.Message);
        Assert.Equal(RagErrorKind.Conflict, ex.ErrorKind);
    }

    [Fact]
    public async Task Dense_search_on_a_store_without_vectors_finds_nothing()
    {
        using var dir = new TempDirectory();
        using var store = await OpenAsync(dir.Path);
        var a = Document("a.md");
        await store.UpsertDocumentAsync(a, [Chunk(a, 0, "lexical only")], Ct);
        Assert.Empty(await store.SearchAsync(SearchRequest.Dense(Axis(0, dimension: 8), 3), Ct));
    }

    private static float[] RandomUnit(Random random, int dimension)
    {
        var v = new float[dimension];
        for (var i = 0; i < dimension; i++) v[i] = (float)(random.NextDouble() * 2 - 1);
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        for (var i = 0; i < dimension; i++) v[i] /= norm;
        return v;
    }

    private static float Dot(float[] a, float[] b)
    {
        var sum = 0f;
        for (var i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }
}
