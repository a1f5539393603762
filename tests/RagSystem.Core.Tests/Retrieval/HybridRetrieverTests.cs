using RagSystem.Embeddings;
using RagSystem.Retrieval;
using RagSystem.Storage;
using RagSystem.Testing;
using static RagSystem.Core.Tests.Storage.StoreSamples;

namespace RagSystem.Core.Tests.Retrieval;

public sealed class HybridRetrieverTests : IDisposable
{
    private static readonly string[] Keywords = ["attention", "transformer", "tokenizer", "sampling"];
    private readonly TempDirectory _dir = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // The lexical side finds "softmax"; only the dense side (keyword "attention") finds the attention chunk, worded differently.
    private async Task<SqliteChunkStore> StoreAsync(KeywordEmbeddingGenerator embedder)
    {
        var store = await OpenAsync(_dir.Path);
        string[] texts = ["softmax over scores is the attention mechanism", "a transformer stacks layers", "the tokenizer splits text", "sampling picks the next token with softmax"];
        for (var i = 0; i < texts.Length; i++)
        {
            var doc = Document($"doc{i}.md");
            await store.UpsertDocumentAsync(doc, [Chunk(doc, 0, texts[i], embedder.Embed(texts[i]))], Ct);
        }
        return store;
    }

    [Fact]
    public async Task Without_an_embedding_generator_it_is_lexical_and_keeps_bm25_order()
    {
        var embedder = new KeywordEmbeddingGenerator(Keywords);
        using var store = await StoreAsync(embedder);
        var retriever = new HybridRetriever(store);

        var results = await retriever.RetrieveAsync("softmax", new RetrievalOptions { Top = 5 }, Ct);

        Assert.Equal("lexical", retriever.Mode);
        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.NotNull(r.LexicalScore));
        Assert.All(results, r => Assert.Null(r.DenseScore));
        Assert.True(results[0].LexicalScore >= results[1].LexicalScore);
    }

    [Fact]
    public async Task Hybrid_fuses_both_sides_and_embeds_the_query_as_a_query()
    {
        var embedder = new KeywordEmbeddingGenerator(Keywords);
        using var store = await StoreAsync(embedder);
        var retriever = new HybridRetriever(store, embedder);

        var results = await retriever.RetrieveAsync("softmax attention", new RetrievalOptions { Top = 2 }, Ct);

        Assert.Equal("hybrid", retriever.Mode);
        Assert.Equal([EmbeddingInputKind.Query], embedder.InputKinds);
        // doc0 is first on both sides.
        Assert.Equal("doc0.md", results[0].DocumentPath);
        Assert.NotNull(results[0].LexicalScore);
        Assert.NotNull(results[0].DenseScore);
        Assert.Equal(2, results.Count);
    }

    [Fact]
    public async Task Lexical_weight_zero_is_dense_only()
    {
        var embedder = new KeywordEmbeddingGenerator(Keywords);
        using var store = await StoreAsync(embedder);
        var retriever = new HybridRetriever(store, embedder);
        var options = new RetrievalOptions { Top = 1, LexicalWeight = 0 };

        var results = await retriever.RetrieveAsync("how do tokenizers work", options, Ct);

        Assert.Equal("dense", retriever.ModeFor(options));
        Assert.Equal("doc2.md", Assert.Single(results).DocumentPath);
        Assert.Null(results[0].LexicalScore);
    }

    [Fact]
    public async Task A_reranker_reorders_the_top_candidates_and_the_mode_says_so()
    {
        var embedder = new KeywordEmbeddingGenerator(Keywords);
        using var store = await StoreAsync(embedder);
        var reranker = new ReverseReranker();
        var retriever = new HybridRetriever(store, embedder, reranker, new HybridRetrieverOptions { RerankCandidates = 3 });
        var options = new RetrievalOptions { Top = 2 };
        var plain = await new HybridRetriever(store, embedder).RetrieveAsync("softmax attention transformer", new RetrievalOptions { Top = 3 }, Ct);

        var results = await retriever.RetrieveAsync("softmax attention transformer", options, Ct);

        Assert.Equal("hybrid+rerank", retriever.ModeFor(options));
        Assert.Equal(3, reranker.LastCandidateCount);
        Assert.Equal([plain[2].Chunk.Id, plain[1].Chunk.Id], results.Select(r => r.Chunk.Id));
        Assert.Equal("hybrid", retriever.ModeFor(new RetrievalOptions { Rerank = false }));
    }

    [Fact]
    public async Task Filters_reach_both_sides()
    {
        var embedder = new KeywordEmbeddingGenerator(Keywords);
        using var store = await StoreAsync(embedder);
        var retriever = new HybridRetriever(store, embedder);

        var results = await retriever.RetrieveAsync("softmax attention", new RetrievalOptions { Filter = new SearchFilter(PathPrefix: "doc3") }, Ct);

        Assert.Equal("doc3.md", Assert.Single(results).DocumentPath);
    }

    public void Dispose() => _dir.Dispose();
}
