using Microsoft.Data.Sqlite;
using RagSystem.Storage;
using RagSystem.Storage.Sqlite;
using RagSystem.Testing;

namespace RagSystem.Core.Tests.Storage;

public sealed class CorruptIndexCheckTests
{
    [Fact]
    public async Task Corrupt_invariants_are_each_reported_by_the_full_check()
    {
        using var data = new TempDirectory();
        var ct = TestContext.Current.CancellationToken;
        using (var store = await StoreSamples.OpenAsync(data.Path))
        {
            foreach (var path in new[] { "a.txt", "b.txt" })
            {
                var doc = StoreSamples.Document(path, chunkCount: 2);
                await store.UpsertDocumentAsync(doc, [StoreSamples.Chunk(doc, 0, $"first of {path}"), StoreSamples.Chunk(doc, 1, $"second of {path}")], ct);
            }
        }
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(data.Path, "rag.db")};Pooling=False");
        await connection.OpenAsync(ct);
        Assert.Empty(await SqliteIntegrityCheck.FullCheckAsync(connection, ct));

        await ExecuteAsync(connection, """
            UPDATE documents SET chunk_count = 5 WHERE path = 'a.txt';
            DELETE FROM chunks_fts WHERE rowid = (SELECT min(rowid) FROM chunks);
            INSERT INTO chunks (id, document_id, ordinal, text, token_count, heading_path, start, length) VALUES ('orphan', 'gone', 0, 'x', 1, '[]', 0, 1);
            UPDATE chunks SET vector = x'0102' WHERE ordinal = 1 AND document_id = (SELECT id FROM documents WHERE path = 'b.txt');
            """);
        var problems = await SqliteIntegrityCheck.FullCheckAsync(connection, ct);

        Assert.Contains(problems, p => p.Contains("1 chunk(s) belong to no document", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("document a.txt: records 5 chunks, holds 2", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("missing from the full-text index", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("not whole float32 arrays", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Corrupt_file_is_caught_at_open_even_after_an_earlier_open_passed()
    {
        using var data = new TempDirectory();
        var ct = TestContext.Current.CancellationToken;
        var database = Path.Combine(data.Path, "rag.db");
        using (var store = await StoreSamples.OpenAsync(data.Path))
        {
            for (var i = 0; i < 300; i++)
            {
                var doc = StoreSamples.Document($"doc{i}.txt");
                await store.UpsertDocumentAsync(doc, [StoreSamples.Chunk(doc, 0, string.Join(' ', Enumerable.Repeat($"word{i} text", 200)))], ct);
            }
        }
        using (await StoreSamples.OpenAsync(data.Path)) { }
        Assert.EndsWith("complete", await File.ReadAllTextAsync(database + SqliteIntegrityCheck.CheckedSuffix, ct));

        await using (var file = new FileStream(database, FileMode.Open, FileAccess.ReadWrite))
        {
            file.SetLength(file.Length / 2);
        }
        var error = await Assert.ThrowsAsync<IndexDamagedException>(() => StoreSamples.OpenAsync(data.Path));
        Assert.Contains("is damaged", error.Message);
        Assert.Contains("rag index rebuild", error.Message);
        Assert.DoesNotContain("\n", error.Message);
        await Assert.ThrowsAsync<IndexDamagedException>(() => SqliteIntegrityCheck.VerifyAsync(database, ct));
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }
}
