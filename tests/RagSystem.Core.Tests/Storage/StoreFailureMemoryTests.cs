using Microsoft.Data.Sqlite;
using RagSystem.Documents;
using RagSystem.Storage;
using RagSystem.Testing;
using static RagSystem.Core.Tests.Storage.StoreSamples;

namespace RagSystem.Core.Tests.Storage;

public sealed class StoreFailureMemoryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DocumentFailureRecord Failure(string path, string hash, DocumentFailureKind kind = DocumentFailureKind.Corrupt) =>
        new(DocumentIds.ForPath(path), path, hash, kind, $"{path} is broken", DateTimeOffset.UtcNow);

    [Fact]
    public async Task A_failure_is_remembered_replaced_and_forgotten_when_the_document_is_stored()
    {
        using var dir = new TempDirectory();
        using var store = await SqliteChunkStore.OpenAsync(Path.Combine(dir.Path, "rag.db"), cancellationToken: Ct);
        await store.RecordFailureAsync(Failure("b.pdf", "h1"), Ct);
        await store.RecordFailureAsync(Failure("a.pdf", "h1", DocumentFailureKind.Timeout), Ct);
        await store.RecordFailureAsync(Failure("a.pdf", "h2", DocumentFailureKind.Encrypted), Ct);

        var failures = await store.ListFailuresAsync(Ct);
        Assert.Equal(["a.pdf", "b.pdf"], failures.Select(f => f.Path));
        Assert.Equal(("h2", DocumentFailureKind.Encrypted), (failures[0].ContentHash, failures[0].Kind));

        var fixedVersion = Document("a.pdf", "h3", 1);
        await store.UpsertDocumentAsync(fixedVersion, [Chunk(fixedVersion, 0, "now readable", Axis(0))], Ct);
        Assert.Equal(["b.pdf"], (await store.ListFailuresAsync(Ct)).Select(f => f.Path));

        Assert.False(await store.DeleteDocumentAsync(DocumentIds.ForPath("b.pdf"), Ct));
        Assert.Empty(await store.ListFailuresAsync(Ct));
    }

    [Fact]
    public async Task A_version_1_store_is_migrated_and_keeps_its_documents()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "rag.db");
        using (var store = await SqliteChunkStore.OpenAsync(path, cancellationToken: Ct))
        {
            var doc = Document("a.md", "h", 1);
            await store.UpsertDocumentAsync(doc, [Chunk(doc, 0, "zebra", Axis(0))], Ct);
        }
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync(Ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "DROP TABLE failures; PRAGMA user_version = 1";
            await command.ExecuteNonQueryAsync(Ct);
        }
        using var reopened = await SqliteChunkStore.OpenAsync(path, cancellationToken: Ct);
        Assert.Single(await reopened.ListDocumentsAsync(Ct));
        await reopened.RecordFailureAsync(Failure("c.pdf", "x"), Ct);
        Assert.Single(await reopened.ListFailuresAsync(Ct));
    }
}
