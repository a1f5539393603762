using RagSystem.Storage;
using RagSystem.Testing;
using static RagSystem.Core.Tests.Storage.StoreSamples;

namespace RagSystem.Core.Tests.Storage;

/// <summary>The SQLite store's in-memory dense index follows writes from the change log instead of reloading the matrix.</summary>
public sealed class DenseIndexIncrementalStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Writes_after_the_first_search_are_applied_without_reloading_and_rank_as_a_fresh_load_does()
    {
        using var dir = new TempDirectory();
        using var store = await OpenAsync(dir.Path);
        var random = new Random(3);
        float[] Vector() => Enumerable.Range(0, 4).Select(_ => (float)random.NextDouble() - 0.5f).ToArray() is var v && MathF.Sqrt(v.Sum(x => x * x)) is var n ? v.Select(x => x / n).ToArray() : [];
        async Task Write(string path, string hash, int chunks)
        {
            var doc = Document(path, hash, chunks);
            await store.UpsertDocumentAsync(doc, Enumerable.Range(0, chunks).Select(i => Chunk(doc, i, $"{path} {i}", Vector())).ToList(), Ct);
        }
        for (var d = 0; d < 10; d++) await Write($"d{d}.md", "v1", 5);
        var query = Vector();
        await store.SearchAsync(SearchRequest.Dense(query, 5), Ct);
        Assert.Equal(1, store.DenseIndexLoads);

        await Write("d3.md", "v2", 7);                       // replaced: 5 rows tombstoned, 7 appended
        Assert.True(await store.DeleteDocumentAsync(DocumentIds.ForPath("d9.md"), Ct));
        await Write("d9.md", "v3", 2);                       // the deleted rowids are reused by new rows
        await Write("new.md", "v1", 3);
        var incremental = await store.SearchAsync(SearchRequest.Dense(query, 60), Ct);

        Assert.Equal(1, store.DenseIndexLoads);
        using var fresh = await OpenAsync(dir.Path);
        var reloaded = await fresh.SearchAsync(SearchRequest.Dense(query, 60), Ct);
        Assert.Equal(reloaded.Select(h => h.Chunk.Id), incremental.Select(h => h.Chunk.Id));
        Assert.Equal(45 - 5 + 7 - 5 + 2 + 3 + 5, incremental.Count);
        Assert.Equal(7, incremental.Count(h => h.DocumentPath == "d3.md"));
        Assert.Equal(2, incremental.Count(h => h.DocumentPath == "d9.md"));
    }
}
