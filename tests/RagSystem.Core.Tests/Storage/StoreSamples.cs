using RagSystem.Storage;

namespace RagSystem.Core.Tests.Storage;

/// <summary>Builds documents and chunks for store tests.</summary>
internal static class StoreSamples
{
    public static DocumentRecord Document(string path, string hash = "h1", int chunkCount = 1, IReadOnlyList<string>? tags = null) =>
        new(DocumentIds.ForPath(path), path, hash, 100, "text", chunkCount, null, DateTimeOffset.Parse("2026-01-02T03:04:05Z"), "Title of " + path, tags);

    public static ChunkRecord Chunk(DocumentRecord document, int ordinal, string text, float[]? vector = null, IReadOnlyList<string>? heading = null, int? page = null) =>
        new(DocumentIds.ChunkId(document.Id, document.ContentHash, ordinal), document.Id, ordinal, text, text.Length / 4, page, page,
            heading ?? [], ordinal * 100, text.Length, vector is null ? null : "test-model", vector);

    /// <summary>A unit vector pointing mostly along <paramref name="axis"/>.</summary>
    public static float[] Axis(int axis, int dimension = 4, float leak = 0f)
    {
        var v = new float[dimension];
        for (var i = 0; i < dimension; i++) v[i] = leak;
        v[axis] = 1f;
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        return v.Select(x => x / norm).ToArray();
    }

    public static async Task<SqliteChunkStore> OpenAsync(string directory, SqliteStoreOptions? options = null) =>
        await SqliteChunkStore.OpenAsync(Path.Combine(directory, "rag.db"), options, cancellationToken: TestContext.Current.CancellationToken);
}
