using RagSystem.Documents;
using RagSystem.Storage;
using static RagSystem.IntegrationTests.Storage.ContractData;

namespace RagSystem.IntegrationTests.Storage;

public abstract partial class ChunkStoreContract
{
    [Fact]
    public async Task Store_re_upserting_the_same_document_changes_nothing()
    {
        var store = await NewStoreAsync();
        var doc = Document("same.md", chunkCount: 2);
        var chunks = new[] { Chunk(doc, 0, "heron wading", Axis(0)), Chunk(doc, 1, "heron flying", Axis(1)) };
        await store.UpsertDocumentAsync(doc, chunks, Ct);
        var before = await store.GetChunksAsync(doc.Id, includeVectors: true, Ct);

        await store.UpsertDocumentAsync(doc, chunks, Ct);

        var after = await store.GetChunksAsync(doc.Id, includeVectors: true, Ct);
        Assert.Equal(before.Select(c => (c.Id, c.Text, c.Ordinal)), after.Select(c => (c.Id, c.Text, c.Ordinal)));
        Assert.Equal(before.Select(c => c.Vector), after.Select(c => c.Vector));
        Assert.Equal(2, (await store.SearchAsync(SearchRequest.Lexical("heron", 10), Ct)).Count);
        Assert.Equal(2, (await store.SearchAsync(SearchRequest.Dense(Axis(0), 10), Ct)).Count);
        Assert.Equal(2, (await store.StatsAsync(Ct)).Chunks);
    }

    [Fact]
    public async Task Store_returns_vectors_only_when_asked()
    {
        var store = await NewStoreAsync();
        var doc = Document("v.md");
        var chunk = Chunk(doc, 0, "vector payload", Axis(3));
        await store.UpsertDocumentAsync(doc, [chunk], Ct);

        Assert.Null(Assert.Single(await store.SearchAsync(SearchRequest.Dense(Axis(3), 1), Ct)).Chunk.Vector);
        Assert.Null(Assert.Single(await store.SearchAsync(SearchRequest.Lexical("vector", 1), Ct)).Chunk.Vector);
        Assert.Null(Assert.Single(await store.GetChunksAsync(doc.Id, Ct)).Vector);
        var withVector = Assert.Single(await store.SearchAsync(SearchRequest.Dense(Axis(3), 1) with { IncludeVectors = true }, Ct)).Chunk;
        Assert.Equal(chunk.Vector!, withVector.Vector!, (a, b) => Math.Abs(a - b) < 1e-6f);
        var read = Assert.Single(await store.GetChunksAsync(doc.Id, includeVectors: true, Ct));
        Assert.Equal(chunk with { Vector = null }, read with { Vector = null, HeadingPath = chunk.HeadingPath });
        Assert.Equal(chunk.HeadingPath, read.HeadingPath);
    }

    [Fact]
    public async Task Store_concurrent_writers_each_land_whole()
    {
        var store = await NewStoreAsync();
        var writers = Enumerable.Range(0, 6).Select(w => Task.Run(async () =>
        {
            for (var d = 0; d < 4; d++)
            {
                var doc = Document($"w{w}/d{d}.md", chunkCount: 3);
                await store.UpsertDocumentAsync(doc, Enumerable.Range(0, 3).Select(i => Chunk(doc, i, $"token{w}x{d} part{i}", Axis(w + d + i))).ToList(), Ct);
            }
        }, Ct)).ToList();
        await Task.WhenAll(writers);

        var documents = await store.ListDocumentsAsync(Ct);
        Assert.Equal(24, documents.Count);
        Assert.Equal(documents.Select(d => d.Path).Order(StringComparer.Ordinal), documents.Select(d => d.Path));
        foreach (var doc in documents)
        {
            Assert.Equal(3, (await store.GetChunksAsync(doc.Id, Ct)).Count);
            var word = "token" + doc.Path[1] + "x" + doc.Path[4];
            Assert.All(await store.SearchAsync(SearchRequest.Lexical(word, 10), Ct), h => Assert.Equal(doc.Path, h.DocumentPath));
        }
        Assert.Equal(72, (await store.StatsAsync(Ct)).Chunks);
    }

    [Fact]
    public async Task Store_write_interrupted_anywhere_leaves_the_document_old_or_new_and_the_next_write_finishes()
    {
        var store = await NewStoreAsync();
        var old = Document("big.md", "old", chunkCount: 3);
        await store.UpsertDocumentAsync(old, Enumerable.Range(0, 3).Select(i => Chunk(old, i, $"oldword part{i}", Axis(i))).ToList(), Ct);
        var fresh = Document("big.md", "new", chunkCount: 600);
        var freshChunks = Enumerable.Range(0, 600).Select(i => Chunk(fresh, i, $"newword part{i}", Axis(i))).ToList();

        foreach (var delay in new[] { 0, 2, 10, 40, 150 })
        {
            using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            interrupt.CancelAfter(delay);
            try
            {
                await store.UpsertDocumentAsync(fresh, freshChunks, interrupt.Token);
            }
            catch (OperationCanceledException)
            {
            }
            var doc = await store.GetDocumentAsync(old.Id, Ct);
            var chunks = await store.GetChunksAsync(old.Id, Ct);
            var oldHits = await store.SearchAsync(SearchRequest.Lexical("oldword", 1000), Ct);
            var newHits = await store.SearchAsync(SearchRequest.Lexical("newword", 1000), Ct);
            if (doc!.ContentHash == "old")
            {
                Assert.Equal((3, 3, 0), (chunks.Count, oldHits.Count, newHits.Count));
            }
            else
            {
                Assert.Equal((600, 0, 600), (chunks.Count, oldHits.Count, newHits.Count));
            }
            if (doc.ContentHash == "new") await store.UpsertDocumentAsync(old, Enumerable.Range(0, 3).Select(i => Chunk(old, i, $"oldword part{i}", Axis(i))).ToList(), Ct);
        }

        await store.UpsertDocumentAsync(fresh, freshChunks, Ct);
        Assert.Equal(600, (await store.GetChunksAsync(fresh.Id, Ct)).Count);
        Assert.Empty(await store.SearchAsync(SearchRequest.Lexical("oldword", 10), Ct));
        Assert.Equal(600, (await store.StatsAsync(Ct)).Chunks);
    }

    [Fact]
    public async Task Store_refuses_another_embedding_model_with_a_clear_error()
    {
        var store = await NewStoreAsync();
        Assert.Null(await store.GetEmbeddingSpaceAsync(Ct));
        await store.EnsureEmbeddingSpaceAsync(new EmbeddingSpace(Model, Dimensions), Ct);
        var a = Document("a.md");
        await store.UpsertDocumentAsync(a, [Chunk(a, 0, "first model", Axis(0))], Ct);
        Assert.Equal(new EmbeddingSpace(Model, Dimensions), await store.GetEmbeddingSpaceAsync(Ct));

        var b = Document("b.md");
        var otherModel = await Assert.ThrowsAsync<RagException>(() => store.UpsertDocumentAsync(b, [Chunk(b, 0, "second model", Axis(0), model: "other-model")], Ct));
        var otherSize = await Assert.ThrowsAsync<RagException>(() => store.UpsertDocumentAsync(b, [Chunk(b, 0, "other size", Axis(0, dimensions: 4))], Ct));
        var ensure = await Assert.ThrowsAsync<RagException>(() => store.EnsureEmbeddingSpaceAsync(new EmbeddingSpace("other-model", Dimensions), Ct));
        var query = await Assert.ThrowsAsync<RagException>(() => store.SearchAsync(SearchRequest.Dense(Axis(0), 3) with { EmbeddingModel = "other-model" }, Ct));
        var querySize = await Assert.ThrowsAsync<RagException>(() => store.SearchAsync(SearchRequest.Dense(Axis(0, dimensions: 4), 3), Ct));

        foreach (var ex in new[] { otherModel, otherSize, ensure, query, querySize })
        {
            Assert.Equal(RagErrorKind.Conflict, ex.ErrorKind);
            Assert.Contains($"'{Model}' ({Dimensions} dimensions)", ex.Message);
        }
        Assert.Null(await store.GetDocumentAsync(b.Id, Ct));
        Assert.Single(await store.SearchAsync(SearchRequest.Dense(Axis(0), 3) with { EmbeddingModel = Model }, Ct));
    }

    [Fact]
    public async Task Store_remembers_failures_until_the_document_is_stored_or_deleted()
    {
        var store = await NewStoreAsync();
        var at = DateTimeOffset.Parse("2026-03-04T05:06:07Z");
        var broken = new DocumentFailureRecord(DocumentIds.ForPath("b/broken.pdf"), "b/broken.pdf", "hash1", DocumentFailureKind.Corrupt, "broken.pdf is damaged", at);
        var slow = new DocumentFailureRecord(DocumentIds.ForPath("a/slow.pdf"), "a/slow.pdf", "hash2", DocumentFailureKind.Timeout, "slow.pdf took too long", at);
        await store.RecordFailureAsync(broken, Ct);
        await store.RecordFailureAsync(slow, Ct);
        await store.RecordFailureAsync(broken with { ContentHash = "hash3" }, Ct);

        Assert.Equal([slow, broken with { ContentHash = "hash3" }], await store.ListFailuresAsync(Ct));

        var fixedDoc = Document("b/broken.pdf", "hash4");
        await store.UpsertDocumentAsync(fixedDoc, [Chunk(fixedDoc, 0, "now readable", Axis(0))], Ct);
        await store.DeleteDocumentAsync(slow.DocumentId, Ct);
        Assert.Empty(await store.ListFailuresAsync(Ct));
    }

    [Fact]
    public async Task Store_without_vectors_answers_lexically_and_finds_nothing_densely()
    {
        var store = await NewStoreAsync();
        var doc = Document("plain.md") with { EmbeddingModel = null };
        await store.UpsertDocumentAsync(doc, [Chunk(doc, 0, "plain lexical words", null)], Ct);

        Assert.Single(await store.SearchAsync(SearchRequest.Lexical("lexical", 5), Ct));
        Assert.Empty(await store.SearchAsync(SearchRequest.Dense(Axis(0), 5), Ct));
        Assert.Equal(0, (await store.StatsAsync(Ct)).ChunksWithVectors);
    }
}
