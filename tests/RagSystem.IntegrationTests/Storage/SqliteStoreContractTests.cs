using RagSystem.Storage;
using RagSystem.Testing;

namespace RagSystem.IntegrationTests.Storage;

/// <summary>The store contract on the embedded SQLite store: always runs.</summary>
public sealed class SqliteStoreContractTests : ChunkStoreContract, IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly List<SqliteChunkStore> _stores = [];

    protected override Task<IChunkStore> CreateStoreAsync()
    {
        var store = SqliteChunkStore.Create(Path.Combine(_directory.Path, $"{_stores.Count}.db"));
        _stores.Add(store);
        return Task.FromResult<IChunkStore>(store);
    }

    public void Dispose()
    {
        foreach (var store in _stores) store.Dispose();
        _directory.Dispose();
    }
}
