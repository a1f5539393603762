using Microsoft.Data.Sqlite;
using RagSystem.Storage;
using RagSystem.Testing;
using static RagSystem.Core.Tests.Storage.StoreSamples;

namespace RagSystem.Core.Tests.Storage;

public sealed class SqliteChunkStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Upsert_twice_keeps_only_the_new_chunks_in_rows_fts_and_vectors()
    {
        using var dir = new TempDirectory();
        using var store = await OpenAsync(dir.Path);
        var v1 = Document("a.md", "old", 2);
        await store.UpsertDocumentAsync(v1, [Chunk(v1, 0, "zebra stripes", Axis(0)), Chunk(v1, 1, "zebra herd", Axis(1))], Ct);
        Assert.Equal(2, (await store.SearchAsync(SearchRequest.Lexical("zebra", 10), Ct)).Count);

        var v2 = Document("a.md", "new", 1);
        await store.UpsertDocumentAsync(v2, [Chunk(v2, 0, "giraffe neck", Axis(2))], Ct);

        var chunks = await store.GetChunksAsync(v2.Id, Ct);
        Assert.Equal("giraffe neck", Assert.Single(chunks).Text);
        Assert.Empty(await store.SearchAsync(SearchRequest.Lexical("zebra", 10), Ct));
        Assert.Single(await store.SearchAsync(SearchRequest.Lexical("giraffe", 10), Ct));
        var dense = await store.SearchAsync(SearchRequest.Dense(Axis(0), 10), Ct);
        Assert.Equal("giraffe neck", Assert.Single(dense).Chunk.Text);
        var doc = await store.GetDocumentAsync(v2.Id, Ct);
        Assert.Equal("new", doc!.ContentHash);
        Assert.Equal(1, doc.ChunkCount);
    }

    [Fact]
    public async Task Failed_upsert_mid_transaction_leaves_the_old_version_whole()
    {
        using var dir = new TempDirectory();
        using var store = await OpenAsync(dir.Path);
        var v1 = Document("a.md", "old", 1);
        await store.UpsertDocumentAsync(v1, [Chunk(v1, 0, "original text about llamas", Axis(0))], Ct);

        var v2 = Document("a.md", "new", 2);
        var duplicate = Chunk(v2, 0, "first new chunk about alpacas", Axis(1));
        // The second chunk reuses the first one's id: the UNIQUE constraint fails after the old rows were deleted
        // and the first new chunk was written, inside the transaction.
        await Assert.ThrowsAsync<SqliteException>(() => store.UpsertDocumentAsync(v2, [duplicate, duplicate with { Ordinal = 1 }], Ct));

        Assert.Equal("original text about llamas", Assert.Single(await store.GetChunksAsync(v1.Id, Ct)).Text);
        Assert.Equal("old", (await store.GetDocumentAsync(v1.Id, Ct))!.ContentHash);
        Assert.Single(await store.SearchAsync(SearchRequest.Lexical("llamas", 10), Ct));
        Assert.Empty(await store.SearchAsync(SearchRequest.Lexical("alpacas", 10), Ct));
        Assert.Equal("original text about llamas", Assert.Single(await store.SearchAsync(SearchRequest.Dense(Axis(1), 10), Ct)).Chunk.Text);
    }

    [Fact]
    public async Task Delete_removes_the_document_from_every_index()
    {
        using var dir = new TempDirectory();
        using var store = await OpenAsync(dir.Path);
        var a = Document("a.md");
        var b = Document("b.md");
        await store.UpsertDocumentAsync(a, [Chunk(a, 0, "shared word apple", Axis(0))], Ct);
        await store.UpsertDocumentAsync(b, [Chunk(b, 0, "shared word banana", Axis(1))], Ct);
        Assert.Equal(2, (await store.SearchAsync(SearchRequest.Dense(Axis(0), 10), Ct)).Count);

        Assert.True(await store.DeleteDocumentAsync(a.Id, Ct));
        Assert.False(await store.DeleteDocumentAsync(a.Id, Ct));

        Assert.Null(await store.GetDocumentAsync(a.Id, Ct));
        Assert.Empty(await store.GetChunksAsync(a.Id, Ct));
        Assert.Equal("b.md", Assert.Single(await store.SearchAsync(SearchRequest.Lexical("shared", 10), Ct)).DocumentPath);
        Assert.Equal("b.md", Assert.Single(await store.SearchAsync(SearchRequest.Dense(Axis(0), 10), Ct)).DocumentPath);
        var stats = await store.StatsAsync(Ct);
        Assert.Equal((1, 1, 1), (stats.Documents, stats.Chunks, stats.ChunksWithVectors));
        Assert.Equal(["test-model"], stats.EmbeddingModels);
    }

    [Fact]
    public async Task Filters_restrict_lexical_and_dense_search_by_id_path_prefix_and_tags()
    {
        using var dir = new TempDirectory();
        using var store = await OpenAsync(dir.Path);
        var docs = new[]
        {
            Document("guides/intro.md", tags: ["public", "en"]),
            Document("guides/advanced.md", tags: ["public"]),
            Document("notes/private%_.md", tags: ["en"]),
        };
        for (var i = 0; i < docs.Length; i++) await store.UpsertDocumentAsync(docs[i], [Chunk(docs[i], 0, "common term " + i, Axis(i))], Ct);

        async Task<string[]> Both(SearchFilter filter)
        {
            var lexical = (await store.SearchAsync(SearchRequest.Lexical("common", 10, filter), Ct)).Select(h => h.DocumentPath).Order().ToArray();
            var dense = (await store.SearchAsync(SearchRequest.Dense(Axis(0), 10, filter), Ct)).Select(h => h.DocumentPath).Order().ToArray();
            Assert.Equal(lexical, dense);
            return lexical;
        }

        Assert.Equal(["guides/advanced.md", "guides/intro.md"], await Both(new SearchFilter(PathPrefix: "guides/")));
        Assert.Equal(["notes/private%_.md"], await Both(new SearchFilter(PathPrefix: "notes/private%_")));
        Assert.Empty(await Both(new SearchFilter(PathPrefix: "Guides/")));
        Assert.Equal(["guides/intro.md", "notes/private%_.md"], await Both(new SearchFilter(Tags: ["en"])));
        Assert.Equal(["guides/intro.md"], await Both(new SearchFilter(Tags: ["en", "public"])));
        Assert.Equal(["guides/advanced.md"], await Both(new SearchFilter(DocumentIds: [docs[1].Id])));
        Assert.Equal(["guides/intro.md"], await Both(new SearchFilter(DocumentIds: [docs[0].Id, docs[2].Id], PathPrefix: "guides")));
    }

    [Fact]
    public async Task Reopened_store_keeps_documents_chunks_and_vectors()
    {
        using var dir = new TempDirectory();
        var doc = Document("deep/file.pdf", tags: ["t1"]);
        var chunk = Chunk(doc, 0, "persisted words", Axis(3), heading: ["Part 1", "Section 2"], page: 7);
        using (var store = await OpenAsync(dir.Path))
        {
            await store.UpsertDocumentAsync(doc, [chunk], Ct);
        }
        using var reopened = await OpenAsync(dir.Path);
        var stored = Assert.Single(await reopened.ListDocumentsAsync(Ct));
        Assert.Equal(doc with { Tags = null }, stored with { Tags = null });
        Assert.Equal(["t1"], stored.Tags);
        var hit = Assert.Single(await reopened.SearchAsync(SearchRequest.Dense(Axis(3), 5) with { IncludeVectors = true }, Ct));
        Assert.Equal(chunk.Id, hit.Chunk.Id);
        Assert.Equal(chunk.Vector, hit.Chunk.Vector);
        Assert.Null(Assert.Single(await reopened.SearchAsync(SearchRequest.Dense(Axis(3), 5), Ct)).Chunk.Vector);
        Assert.Equal(["Part 1", "Section 2"], hit.Chunk.HeadingPath);
        Assert.Equal(7, hit.Chunk.PageStart);
        Assert.Equal(1.0, hit.Score, 5);
    }

    [Fact]
    public async Task A_store_from_a_newer_schema_version_is_refused_with_an_actionable_message()
    {
        using var dir = new TempDirectory();
        using (var store = await OpenAsync(dir.Path)) { }
        var path = Path.Combine(dir.Path, "rag.db");
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync(Ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99";
            await command.ExecuteNonQueryAsync(Ct);
        }
        var ex = await Assert.ThrowsAsync<StoreSchemaException>(() => OpenAsync(dir.Path));
        Assert.Contains("newer", ex.Message);
        Assert.Contains("99", ex.Message);
    }

    [Fact]
    public async Task A_file_that_is_not_a_store_is_refused()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("rag.db", "this is not a database, just some text that is long enough to look like a header........");
        await Assert.ThrowsAsync<StoreSchemaException>(() => OpenAsync(dir.Path));
    }
}
