using Microsoft.Data.Sqlite;
using RagSystem.Storage;
using RagSystem.Testing;
using static RagSystem.Core.Tests.Storage.StoreSamples;

namespace RagSystem.Core.Tests.Storage;

public sealed class SqliteLexicalIndexTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("14,514")]
    [InlineData("14514")]
    [InlineData("$14,514")]
    public async Task A_figure_is_found_however_the_question_writes_it(string query)
    {
        using var dir = new TempDirectory();
        using var store = await OpenAsync(dir.Path);
        var doc = Document("q2.pdf");
        await store.UpsertDocumentAsync(doc, [Chunk(doc, 0, "Data Center | $14,514 | $3,833"), Chunk(doc, 1, "Gaming | 2,856 | 14 514")], Ct);

        var hits = await store.SearchAsync(SearchRequest.Lexical(query, 10), Ct);

        Assert.Equal("Data Center | $14,514 | $3,833", Assert.Single(hits).Chunk.Text);
    }

    [Fact]
    public async Task A_question_naming_the_document_finds_its_chunks_through_the_title()
    {
        using var dir = new TempDirectory();
        using var store = await OpenAsync(dir.Path);
        var nvidia = Document("a.pdf") with { Title = "NVIDIA Corporation Form 10-Q" };
        var intel = Document("b.pdf") with { Title = "Intel Corporation Form 10-Q" };
        await store.UpsertDocumentAsync(nvidia, [Chunk(nvidia, 0, "Revenue for the quarter was 26,044 million.")], Ct);
        await store.UpsertDocumentAsync(intel, [Chunk(intel, 0, "Revenue for the quarter was 12,949 million.")], Ct);

        var hits = await store.SearchAsync(SearchRequest.Lexical("NVIDIA quarter revenue", 10), Ct);

        Assert.Equal(2, hits.Count);
        Assert.Equal(nvidia.Id, hits[0].Chunk.DocumentId);
        Assert.True(hits[0].Score > hits[1].Score);
    }

    [Fact]
    public async Task A_version_1_store_is_upgraded_in_place_with_titles_and_figures_indexed()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "rag.db");
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync(Ct);
            await using var command = connection.CreateCommand();
            // The layout every store written before the title column had (schema version 1).
            command.CommandText = """
                CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                INSERT INTO meta (key, value) VALUES ('generation', '0'), ('fts_tokenizer', 'porter unicode61 remove_diacritics 2');
                CREATE TABLE documents (id TEXT PRIMARY KEY, path TEXT NOT NULL, content_hash TEXT NOT NULL, size_bytes INTEGER NOT NULL,
                    format TEXT NOT NULL, chunk_count INTEGER NOT NULL, embedding_model TEXT, ingested_utc TEXT NOT NULL, title TEXT, tags TEXT NOT NULL);
                CREATE INDEX documents_path ON documents (path);
                CREATE TABLE document_tags (document_id TEXT NOT NULL, tag TEXT NOT NULL, PRIMARY KEY (document_id, tag)) WITHOUT ROWID;
                CREATE INDEX document_tags_tag ON document_tags (tag);
                CREATE TABLE chunks (rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, document_id TEXT NOT NULL, ordinal INTEGER NOT NULL,
                    text TEXT NOT NULL, token_count INTEGER NOT NULL, page_start INTEGER, page_end INTEGER, heading_path TEXT NOT NULL,
                    start INTEGER NOT NULL, length INTEGER NOT NULL, embedding_model TEXT, vector BLOB);
                CREATE INDEX chunks_document ON chunks (document_id, ordinal);
                CREATE VIRTUAL TABLE chunks_fts USING fts5 (heading, body, content = '', contentless_delete = 1, tokenize = 'porter unicode61 remove_diacritics 2');
                INSERT INTO documents VALUES ('d1', 'q2.pdf', 'h', 10, 'pdf', 1, NULL, '2026-01-01T00:00:00.0000000+00:00', 'Apple Form 10-Q', '[]');
                INSERT INTO chunks VALUES (1, '00000000-0000-0000-0000-000000000001', 'd1', 0, 'Net sales $94,836', 3, 1, 1, '["Results"]', 0, 17, NULL, NULL);
                INSERT INTO chunks_fts (rowid, heading, body) VALUES (1, 'Results', 'Net sales $94,836');
                PRAGMA user_version = 1;
                """;
            await command.ExecuteNonQueryAsync(Ct);
        }

        using (var store = await OpenAsync(dir.Path))
        {
            Assert.Single(await store.SearchAsync(SearchRequest.Lexical("94836", 10), Ct));
            Assert.Single(await store.SearchAsync(SearchRequest.Lexical("apple", 10), Ct));
            Assert.Single(await store.SearchAsync(SearchRequest.Lexical("results", 10), Ct));
            Assert.Equal("Net sales $94,836", (await store.GetChunksAsync("d1", Ct))[0].Text);
        }
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync(Ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version";
            Assert.Equal(4L, await command.ExecuteScalarAsync(Ct));
        }
    }
}
