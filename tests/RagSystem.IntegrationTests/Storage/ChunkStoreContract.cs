using RagSystem.Documents;
using RagSystem.Retrieval;
using RagSystem.Storage;
using static RagSystem.IntegrationTests.Storage.ContractData;

namespace RagSystem.IntegrationTests.Storage;

/// <summary>The contract every <see cref="IChunkStore"/> passes, run against each implementation by a subclass. The expected
/// rankings are computed here from the data (exact cosine, term counts, reciprocal-rank fusion), not taken from any store.</summary>
public abstract partial class ChunkStoreContract
{
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A new, empty store (its own file or collection) for one test.</summary>
    protected abstract Task<IChunkStore> CreateStoreAsync();

    private async Task<IChunkStore> NewStoreAsync()
    {
        var store = await CreateStoreAsync();
        Assert.Empty(await store.ListDocumentsAsync(Ct));
        return store;
    }

    [Fact]
    public async Task Store_replaces_a_document_as_a_unit()
    {
        var store = await NewStoreAsync();
        var v1 = Document("a.md", "old", chunkCount: 2);
        await store.UpsertDocumentAsync(v1, [Chunk(v1, 0, "zebra stripes", Axis(0)), Chunk(v1, 1, "zebra herd", Axis(1))], Ct);
        Assert.Equal(2, (await store.SearchAsync(SearchRequest.Lexical("zebra", 10), Ct)).Count);

        var v2 = Document("a.md", "new");
        await store.UpsertDocumentAsync(v2, [Chunk(v2, 0, "giraffe neck", Axis(2))], Ct);

        Assert.Equal("giraffe neck", Assert.Single(await store.GetChunksAsync(v2.Id, Ct)).Text);
        Assert.Empty(await store.SearchAsync(SearchRequest.Lexical("zebra", 10), Ct));
        Assert.Equal("giraffe neck", Assert.Single(await store.SearchAsync(SearchRequest.Dense(Axis(0), 10), Ct)).Chunk.Text);
        var doc = Assert.Single(await store.ListDocumentsAsync(Ct));
        Assert.Equal(("new", 1), (doc.ContentHash, doc.ChunkCount));
        var stats = await store.StatsAsync(Ct);
        Assert.Equal((1L, 1L, 1L), (stats.Documents, stats.Chunks, stats.ChunksWithVectors));
        Assert.Equal([Model], stats.EmbeddingModels);
    }

    [Fact]
    public async Task Store_delete_removes_the_document_from_every_index()
    {
        var store = await NewStoreAsync();
        var a = Document("a.md");
        var b = Document("b.md");
        await store.UpsertDocumentAsync(a, [Chunk(a, 0, "walrus tusks", Axis(0))], Ct);
        await store.UpsertDocumentAsync(b, [Chunk(b, 0, "otter paws", Axis(1))], Ct);

        Assert.True(await store.DeleteDocumentAsync(a.Id, Ct));
        Assert.False(await store.DeleteDocumentAsync(a.Id, Ct));

        Assert.Null(await store.GetDocumentAsync(a.Id, Ct));
        Assert.Empty(await store.GetChunksAsync(a.Id, Ct));
        Assert.Empty(await store.SearchAsync(SearchRequest.Lexical("walrus", 10), Ct));
        Assert.Equal(["b.md"], (await store.SearchAsync(SearchRequest.Dense(Axis(0), 10), Ct)).Select(h => h.DocumentPath));
        Assert.Equal(["b.md"], (await store.ListDocumentsAsync(Ct)).Select(d => d.Path));
    }

    [Fact]
    public async Task Store_filters_by_document_ids_path_prefix_and_tags_on_both_sides()
    {
        var store = await NewStoreAsync();
        var docs = new[]
        {
            Document("guides/intro.md", tags: ["public", "en"]),
            Document("guides/advanced.md", tags: ["public"]),
            Document("notes/private%_.md", tags: ["en"]),
            Document("Guides/upper.md", tags: ["public", "en"]),
        };
        for (var i = 0; i < docs.Length; i++)
        {
            await store.UpsertDocumentAsync(docs[i], [Chunk(docs[i], 0, $"shared keyword number {i}", Axis(0, leak: i / 10f))], Ct);
        }

        async Task<string[]> Both(SearchFilter filter)
        {
            var lexical = (await store.SearchAsync(SearchRequest.Lexical("keyword", 10, filter), Ct)).Select(h => h.DocumentPath).Order(StringComparer.Ordinal).ToArray();
            var dense = (await store.SearchAsync(SearchRequest.Dense(Axis(0), 10, filter), Ct)).Select(h => h.DocumentPath).Order(StringComparer.Ordinal).ToArray();
            Assert.Equal(lexical, dense);
            return lexical;
        }

        Assert.Equal(["guides/advanced.md", "guides/intro.md"], await Both(new SearchFilter(PathPrefix: "guides/")));
        Assert.Equal(["notes/private%_.md"], await Both(new SearchFilter(PathPrefix: "notes/private%_")));
        Assert.Equal(["Guides/upper.md"], await Both(new SearchFilter(PathPrefix: "Guides")));
        Assert.Equal(["Guides/upper.md", "guides/intro.md"], await Both(new SearchFilter(Tags: ["public", "en"])));
        Assert.Equal(["guides/intro.md", "notes/private%_.md"], await Both(new SearchFilter(DocumentIds: [docs[0].Id, docs[2].Id])));
        Assert.Equal(["guides/intro.md"], await Both(new SearchFilter(DocumentIds: [docs[0].Id, docs[2].Id], PathPrefix: "guides")));
        Assert.Empty(await Both(new SearchFilter(Tags: ["absent"])));
    }

    [Fact]
    public async Task Store_dense_top_k_follows_exact_cosine_order()
    {
        var store = await NewStoreAsync();
        var random = new Random(7);
        var vectors = new Dictionary<Guid, float[]>();
        for (var d = 0; d < 6; d++)
        {
            var doc = Document($"doc{d}.md", chunkCount: 5);
            var chunks = Enumerable.Range(0, 5).Select(i => Chunk(doc, i, $"chunk {d} {i}", Random(random))).ToList();
            foreach (var c in chunks) vectors[c.Id] = c.Vector!;
            await store.UpsertDocumentAsync(doc, chunks, Ct);
        }
        var query = Random(random);
        var expected = vectors.OrderByDescending(kv => Cosine(kv.Value, query)).Take(7).Select(kv => kv.Key).ToList();

        var hits = await store.SearchAsync(SearchRequest.Dense(query, 7) with { EmbeddingModel = Model }, Ct);

        Assert.Equal(expected, hits.Select(h => h.Chunk.Id));
        Assert.All(hits, h => Assert.Equal(Cosine(vectors[h.Chunk.Id], query), h.Score, 4));
        Assert.All(hits, h => Assert.Null(h.Chunk.Vector));
    }

    [Fact]
    public async Task Store_lexical_ranking_follows_term_frequency_and_ignores_stop_words()
    {
        var store = await NewStoreAsync();
        // Equal lengths, so any BM25 variant ranks by how often the stemmed query term occurs.
        var texts = new[] { "kernel kernel kernel alpha beta", "kernels alpha beta gamma delta", "kernel kernel alpha beta gamma", "alpha beta gamma delta epsilon" };
        var doc = Document("lex.md", chunkCount: texts.Length);
        var chunks = texts.Select((t, i) => Chunk(doc, i, t, Axis(i))).ToList();
        await store.UpsertDocumentAsync(doc, chunks, Ct);

        var hits = await store.SearchAsync(SearchRequest.Lexical("the kernel", 10), Ct);

        Assert.Equal([chunks[0].Id, chunks[2].Id, chunks[1].Id], hits.Select(h => h.Chunk.Id));
        Assert.True(hits[0].Score > hits[1].Score && hits[1].Score > hits[2].Score);
        Assert.Empty(await store.SearchAsync(SearchRequest.Lexical("the of and", 10), Ct));
    }

    [Fact]
    public async Task Store_hybrid_retrieval_matches_reciprocal_rank_fusion_of_the_reference_rankings()
    {
        var store = await NewStoreAsync();
        var doc = Document("hybrid.md", chunkCount: 6);
        // Lexical ranks A..E by term count (F lacks the term); dense ranks by cosine to the query axis: A2 B4 C1 D5 E3 F6.
        // Every (lexical, dense) rank pair differs, so the fused order has no ties.
        var termCounts = new[] { 5, 4, 3, 2, 1, 0 };
        var leaks = new[] { 0.2f, 0.6f, 0.1f, 0.9f, 0.4f, 1.5f };
        var chunks = Enumerable.Range(0, 6).Select(i =>
            Chunk(doc, i, string.Join(' ', Enumerable.Repeat("lantern", termCounts[i]).Concat(Enumerable.Range(0, 6 - termCounts[i]).Select(j => $"filler{i}x{j}"))),
                Axis(0, leaks[i]))).ToList();
        await store.UpsertDocumentAsync(doc, chunks, Ct);
        var query = Axis(0);

        var lexicalOrder = chunks.Where((_, i) => termCounts[i] > 0).OrderByDescending(c => termCounts[c.Ordinal]).Select(c => c.Id).ToList();
        var denseOrder = chunks.OrderByDescending(c => Cosine(c.Vector!, query)).Select(c => c.Id).ToList();
        const int k = 60;
        var expected = chunks.Select(c => c.Id)
            .Select(id => (Id: id, Score: Rrf(lexicalOrder, id, k) + Rrf(denseOrder, id, k)))
            .OrderByDescending(x => x.Score).ToList();

        var retriever = new HybridRetriever(store, new FixedEmbeddingGenerator(query));
        var results = await retriever.RetrieveAsync("lantern", new RetrievalOptions { Top = 6, RrfK = k }, Ct);

        Assert.Equal(expected.Select(x => x.Id), results.Select(r => r.Chunk.Id));
        Assert.All(results.Zip(expected), p => Assert.Equal(p.Second.Score, p.First.Score, 5));
        Assert.All(results, r => Assert.Equal(Cosine(chunks[r.Chunk.Ordinal].Vector!, query), r.DenseScore!.Value, 4));
        if (store.Capabilities.FusesHybrid)
        {
            var fused = await store.SearchAsync(SearchRequest.Hybrid(query, "lantern", 6, 10, k) with { EmbeddingModel = Model }, Ct);
            Assert.Equal(expected.Select(x => x.Id), fused.Select(h => h.Chunk.Id));
        }
        else
        {
            var ex = await Assert.ThrowsAsync<RagException>(() => store.SearchAsync(SearchRequest.Hybrid(query, "lantern", 6, 10, k), Ct));
            Assert.Equal(RagErrorKind.InvalidInput, ex.ErrorKind);
        }
    }

    private static double Rrf(List<Guid> ranking, Guid id, int k)
    {
        var index = ranking.IndexOf(id);
        return index < 0 ? 0 : 1.0 / (k + index + 1);
    }
}
