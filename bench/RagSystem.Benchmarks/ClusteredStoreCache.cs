using System.Diagnostics;
using RagSystem.Storage;
using RagSystem.Testing;

namespace RagSystem.Benchmarks;

/// <summary>SQLite stores of clustered synthetic 384-d vectors (about 1,000 per cluster), written once through
/// <see cref="SqliteChunkStore"/> and cached under <c>&lt;temp&gt;/ragsystem-bench/dense</c>; a store is reused only when
/// its completion marker exists, so an interrupted build starts over.</summary>
internal static class ClusteredStoreCache
{
    public const int Dimension = 384;
    private const int ChunksPerDocument = 1_000;
    private const float Noise = 1.0f;

    public static string Folder => Path.Combine(Path.GetTempPath(), "ragsystem-bench", "dense");

    /// <summary>The vector source both the stored chunks and the queries come from (queries are later draws).</summary>
    public static ClusteredVectors Source(int chunks) => new(Dimension, Math.Max(5, chunks / 1_000), Noise, seed: chunks);

    /// <summary>The path of a store of <paramref name="chunks"/> vectors, building it first when absent; also returns the
    /// source positioned after the stored vectors, so its next draws are fresh queries from the same clusters.</summary>
    public static async Task<(string Path, ClusteredVectors Queries)> EnsureAsync(int chunks)
    {
        var directory = Path.Combine(Folder, $"clustered-{chunks}x{Dimension}");
        var marker = Path.Combine(directory, "complete");
        var source = Source(chunks);
        if (File.Exists(marker))
        {
            // Replay the draws so that the queries continue the same sequence as on the first run.
            for (var i = 0; i < chunks; i++) source.Next();
            return (Path.Combine(directory, "rag.db"), source);
        }
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        var stopwatch = Stopwatch.StartNew();
        using (var store = await SqliteChunkStore.OpenAsync(Path.Combine(directory, "rag.db"), new SqliteStoreOptions { DenseQuantization = DenseQuantization.Off }))
        {
            for (var d = 0; d * ChunksPerDocument < chunks; d++)
            {
                var path = $"clustered/doc{d:D5}.txt";
                var id = DocumentIds.ForPath(path);
                var count = Math.Min(ChunksPerDocument, chunks - d * ChunksPerDocument);
                var records = Enumerable.Range(0, count).Select(i => new ChunkRecord(DocumentIds.ChunkId(id, "h", i), id, i, $"chunk {i} of document {d}", 6,
                    null, null, [], 0, 10, "clustered", source.Next())).ToList();
                await store.UpsertDocumentAsync(new DocumentRecord(id, path, "h", 0, "text", count, "clustered", DateTimeOffset.UtcNow), records);
            }
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await File.WriteAllTextAsync(marker, $"{chunks} chunks written in {stopwatch.Elapsed.TotalSeconds:F1} s\n");
        Console.WriteLine($"built {directory}: {chunks:N0} chunks in {stopwatch.Elapsed.TotalSeconds:F1} s");
        return (Path.Combine(directory, "rag.db"), source);
    }
}
