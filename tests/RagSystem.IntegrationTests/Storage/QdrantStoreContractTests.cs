using RagSystem.Qdrant;
using RagSystem.Storage;

namespace RagSystem.IntegrationTests.Storage;

/// <summary>The same store contract on a real Qdrant (see <see cref="QdrantServerFixture"/>); each test gets its own
/// collection, deleted afterwards. Skips with the fixture's reason when no server is available.</summary>
public sealed class QdrantStoreContractTests(QdrantServerFixture server) : ChunkStoreContract, IClassFixture<QdrantServerFixture>, IAsyncDisposable
{
    private readonly List<(QdrantChunkStore Store, string Collection)> _stores = [];

    protected override Task<IChunkStore> CreateStoreAsync()
    {
        if (server.SkipReason is { } reason) Assert.Skip(reason);
        var collection = $"contract-{Guid.NewGuid():N}";
        // Small batches so that the interrupted-write test spans several upsert calls.
        var store = QdrantChunkStore.Create(new QdrantStoreOptions { Url = server.Url!, Collection = collection, UpsertBatchSize = 64, Timeout = TimeSpan.FromSeconds(60) });
        _stores.Add((store, collection));
        return Task.FromResult<IChunkStore>(store);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (store, collection) in _stores)
        {
            using var client = new global::Qdrant.Client.QdrantClient(new Uri(server.Url!));
            await client.DeleteCollectionAsync(collection);
            store.Dispose();
        }
    }
}
