using RagSystem.Storage;

namespace RagSystem.IntegrationTests.Ingestion;

/// <summary>Everything an index holds, document by document and chunk by chunk, as one comparable string.</summary>
internal static class IndexFingerprint
{
    public static async Task<string> OfAsync(string data)
    {
        using var store = await SqliteChunkStore.OpenAsync(Path.Combine(data, SqliteStoreOptions.DefaultFileName));
        var lines = new List<string>();
        foreach (var d in await store.ListDocumentsAsync())
        {
            lines.Add($"{d.Id} {d.Path} {d.ContentHash} {d.ChunkCount}");
            foreach (var c in await store.GetChunksAsync(d.Id)) lines.Add($"  {c.Id} {c.Start} {c.Length} {c.Text.GetHashCode(StringComparison.Ordinal)}");
        }
        return string.Join('\n', lines);
    }
}
