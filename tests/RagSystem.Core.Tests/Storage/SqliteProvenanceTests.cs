using Microsoft.Data.Sqlite;
using RagSystem.Storage;
using RagSystem.Testing;
using static RagSystem.Core.Tests.Storage.StoreSamples;

namespace RagSystem.Core.Tests.Storage;

public sealed class SqliteProvenanceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Page_label_and_Ocr_confidence_round_trip_through_the_store()
    {
        using var dir = new TempDirectory();
        using var store = await OpenAsync(dir.Path);
        var doc = Document("scan.pdf") with { OcrPages = 3 };
        await store.UpsertDocumentAsync(doc,
        [
            Chunk(doc, 0, "Preface text from the front matter.", page: 5) with { PageLabel = "v" },
            Chunk(doc, 1, "Recognised words of a scanned page.", page: 9) with { PageLabel = "3", OcrConfidence = 0.934 },
            Chunk(doc, 2, "Text layer words without a label.", page: 10),
        ], Ct);

        var chunks = await store.GetChunksAsync(doc.Id, Ct);
        Assert.Equal(["v", "3", null], chunks.Select(c => c.PageLabel));
        Assert.Equal([null, 0.934, null], chunks.Select(c => c.OcrConfidence));
        Assert.Equal(3, (await store.GetDocumentAsync(doc.Id, Ct))!.OcrPages);
        var hit = (await store.SearchAsync(SearchRequest.Lexical("recognised words", 10), Ct))[0];
        Assert.Equal(("3", 0.934), (hit.Chunk.PageLabel, hit.Chunk.OcrConfidence));
    }

    [Fact]
    public async Task A_version_3_store_is_upgraded_to_4_keeping_its_documents_and_chunks()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "rag.db");
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync(Ct);
            await using var command = connection.CreateCommand();
            // The layout every store written before provenance columns had (schema version 3).
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
                CREATE TABLE failures (document_id TEXT PRIMARY KEY, path TEXT NOT NULL, content_hash TEXT NOT NULL, kind TEXT NOT NULL,
                    reason TEXT NOT NULL, failed_utc TEXT NOT NULL);
                CREATE VIRTUAL TABLE chunks_fts USING fts5 (title, heading, body, content = '', contentless_delete = 1, tokenize = 'porter unicode61 remove_diacritics 2');
                INSERT INTO documents VALUES ('d1', 'q2.pdf', 'h', 10, 'pdf', 1, NULL, '2026-01-01T00:00:00.0000000+00:00', 'Apple Form 10-Q', '["finance"]');
                INSERT INTO document_tags VALUES ('d1', 'finance');
                INSERT INTO chunks VALUES (1, '00000000-0000-0000-0000-000000000001', 'd1', 0, 'Net sales 94836', 3, 2, 2, '["Results"]', 0, 15, NULL, NULL);
                INSERT INTO chunks_fts (rowid, title, heading, body) VALUES (1, 'Apple Form 10-Q', 'Results', 'Net sales 94836');
                PRAGMA user_version = 3;
                """;
            await command.ExecuteNonQueryAsync(Ct);
        }

        using (var store = await OpenAsync(dir.Path))
        {
            var document = await store.GetDocumentAsync("d1", Ct);
            Assert.NotNull(document);
            Assert.Equal(("q2.pdf", "Apple Form 10-Q", 0), (document.Path, document.Title, document.OcrPages));
            Assert.Equal(["finance"], document.Tags);
            var chunk = Assert.Single(await store.GetChunksAsync("d1", Ct));
            Assert.Equal(("Net sales 94836", 2, (string?)null, (double?)null), (chunk.Text, chunk.PageStart, chunk.PageLabel, chunk.OcrConfidence));
            Assert.Single(await store.SearchAsync(SearchRequest.Lexical("94836", 10), Ct));

            // The upgraded store takes the new columns like a new one.
            var scan = Document("scan.pdf") with { OcrPages = 1 };
            await store.UpsertDocumentAsync(scan, [Chunk(scan, 0, "Scanned words", page: 1) with { PageLabel = "ix", OcrConfidence = 0.5 }], Ct);
            Assert.Equal("ix", Assert.Single(await store.GetChunksAsync(scan.Id, Ct)).PageLabel);
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
