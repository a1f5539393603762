using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using RagSystem.Storage;
using RagSystem.Storage.Sqlite;
using RagSystem.Testing;

namespace RagSystem.Benchmarks;

/// <summary>Stores for <see cref="HybridBenchmark"/>: a copy of the cached lexical-only synthetic store
/// (<see cref="SyntheticChunkCorpus"/>, dimension 0) with its Lucene index folder, whose chunks are then given clustered
/// 384-d vectors from <see cref="ClusteredStoreCache.Source"/> by UPDATE in batches, in rowid order. Generating the text
/// again with vectors would take over 22 minutes at a million chunks (the text alone took 1,323 s); adding vectors to a copy
/// took 54 s. Cached under
/// <c>{temp}/ragsystem-bench/hybrid-{chunks}x384</c>, reused only when its completion marker exists.</summary>
internal static class HybridStoreCache
{
    private const int Batch = 10_000;
    private const string CompleteMarker = "complete.txt";

    /// <summary>The model id the vectors are stored under: the one HybridRetriever reports for the benchmark's
    /// query embedder, so the store accepts its queries.</summary>
    public static string ModelId { get; } = EmbeddingSpace.ModelIdOf(new PrecomputedEmbeddingGenerator(new Dictionary<string, float[]>()));

    /// <summary>The database path of a store of <paramref name="chunks"/> chunks with vectors, building it when absent, and the
    /// vector source positioned after the stored vectors, so its next draws are queries near the same clusters.</summary>
    public static async Task<(string Path, ClusteredVectors Queries)> EnsureAsync(int chunks, CancellationToken cancellationToken = default)
    {
        var folder = Path.Combine(Path.GetTempPath(), "ragsystem-bench", string.Create(CultureInfo.InvariantCulture, $"hybrid-{chunks}x{ClusteredStoreCache.Dimension}"));
        var database = Path.Combine(folder, SqliteStoreOptions.DefaultFileName);
        var source = ClusteredStoreCache.Source(chunks);
        if (File.Exists(Path.Combine(folder, CompleteMarker)))
        {
            for (var i = 0; i < chunks; i++) source.Next(); // replay, so the queries continue the same sequence
            Console.WriteLine($"{database}: {File.ReadAllText(Path.Combine(folder, CompleteMarker)).Trim()}");
            return (database, source);
        }
        var lexicalOnly = await SyntheticChunkCorpus.EnsureAsync(chunks, 0, cancellationToken);
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        // The disk is shared: the copy plus 1.5 KB of vector per chunk, and a 1 GB margin.
        var needed = new FileInfo(lexicalOnly).Length + (long)chunks * ClusteredStoreCache.Dimension * sizeof(float) + (1L << 30);
        var free = new DriveInfo(Path.GetPathRoot(folder)!).AvailableFreeSpace;
        if (free < needed) throw new IOException($"adding vectors to {chunks:N0} chunks needs about {needed / 1e9:F1} GB free; {free / 1e9:F1} GB are.");

        var stopwatch = Stopwatch.StartNew();
        File.Copy(lexicalOnly, database);
        var lucene = Path.Combine(Path.GetDirectoryName(lexicalOnly)!, Path.GetFileNameWithoutExtension(lexicalOnly) + ".lucene");
        if (Directory.Exists(lucene))
        {
            var target = Path.Combine(folder, Path.GetFileName(lucene));
            Directory.CreateDirectory(target);
            foreach (var file in Directory.GetFiles(lucene)) File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }
        var copied = stopwatch.Elapsed;
        await AddVectorsAsync(database, chunks, source, cancellationToken);
        SqliteConnection.ClearAllPools();
        var note = string.Create(CultureInfo.InvariantCulture,
            $"copied the lexical-only store in {copied.TotalSeconds:F0} s, added {chunks} clustered vectors in {(stopwatch.Elapsed - copied).TotalSeconds:F0} s");
        await File.WriteAllTextAsync(Path.Combine(folder, CompleteMarker), note + "\n", cancellationToken);
        Console.WriteLine($"{database}: {note}");
        return (database, source);
    }

    private static async Task AddVectorsAsync(string database, int chunks, ClusteredVectors source, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        await using (var pragma = connection.CreateCommand())
        {
            // A benchmark copy: durability against power loss buys nothing here.
            pragma.CommandText = "PRAGMA synchronous = OFF;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }
        var rowIds = new List<long>(chunks);
        await using (var select = connection.CreateCommand())
        {
            select.CommandText = "SELECT rowid FROM chunks ORDER BY rowid";
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) rowIds.Add(reader.GetInt64(0));
        }
        var stopwatch = Stopwatch.StartNew();
        for (var start = 0; start < rowIds.Count; start += Batch)
        {
            await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await using var update = connection.CreateCommand();
            update.Transaction = tx;
            update.CommandText = "UPDATE chunks SET embedding_model = $model, vector = $vector WHERE rowid = $rowid";
            update.Parameters.AddWithValue("$model", ModelId);
            var vector = update.Parameters.Add("$vector", SqliteType.Blob);
            var rowId = update.Parameters.Add("$rowid", SqliteType.Integer);
            foreach (var id in rowIds.Skip(start).Take(Batch))
            {
                vector.Value = SqliteRows.ToBlob(source.Next());
                rowId.Value = id;
                await update.ExecuteNonQueryAsync(cancellationToken);
            }
            await tx.CommitAsync(cancellationToken);
            if ((start / Batch) % 10 == 9) Console.Error.WriteLine($"  vectors for {start + Batch:N0} / {chunks:N0} chunks in {stopwatch.Elapsed.TotalSeconds:F0} s");
        }
        await using var finish = connection.CreateCommand();
        // What ingestion would have written alongside: each document's model and the store's embedding space.
        finish.CommandText = """
            UPDATE documents SET embedding_model = $model;
            INSERT INTO meta (key, value) VALUES ('embedding_model', $model), ('embedding_dimensions', $dims)
            ON CONFLICT (key) DO UPDATE SET value = excluded.value;
            PRAGMA wal_checkpoint(TRUNCATE);
            """;
        finish.Parameters.AddWithValue("$model", ModelId);
        finish.Parameters.AddWithValue("$dims", ClusteredStoreCache.Dimension.ToString(CultureInfo.InvariantCulture));
        await finish.ExecuteNonQueryAsync(cancellationToken);
    }
}
