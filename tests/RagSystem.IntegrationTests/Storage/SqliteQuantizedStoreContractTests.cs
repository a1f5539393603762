using RagSystem.Storage;
using RagSystem.Testing;

namespace RagSystem.IntegrationTests.Storage;

/// <summary>The store contract on the SQLite store with its dense matrix held as int8 from the first vector
/// (<see cref="DenseQuantization.Int8"/>): re-scoring must make it behave exactly as the float32 store does.</summary>
public sealed class SqliteQuantizedStoreContractTests : ChunkStoreContract, IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly List<SqliteChunkStore> _stores = [];

    protected override Task<IChunkStore> CreateStoreAsync()
    {
        var store = SqliteChunkStore.Create(Path.Combine(_directory.Path, $"{_stores.Count}.db"), new SqliteStoreOptions { DenseQuantization = DenseQuantization.Int8 });
        _stores.Add(store);
        return Task.FromResult<IChunkStore>(store);
    }

    public void Dispose()
    {
        foreach (var store in _stores) store.Dispose();
        _directory.Dispose();
    }
}
