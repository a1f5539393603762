using System.Globalization;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace RagSystem.Storage.Sqlite;

/// <summary>The SQL around dense search: the write generation, filter masks, re-scoring int8 candidates from the float32
/// blobs, and loading the winning rows.</summary>
internal static class SqliteDenseSearch
{
    /// <summary>The <paramref name="top"/> rows of <paramref name="index"/> nearest <paramref name="query"/> with exact
    /// float32 cosines: scanned exactly from a float32 index; from an int8 one, <paramref name="top"/> ×
    /// <see cref="SqliteStoreOptions.QuantizedOversampling"/> candidates are taken by their int8 scores and re-scored.</summary>
    public static async Task<List<(long RowId, float Score)>> SearchAsync(SqliteConnection connection, DenseVectorIndex index, float[] query, int top,
        bool[]? allowedDocuments, SqliteStoreOptions options, CancellationToken cancellationToken)
    {
        if (!index.IsQuantized) return index.Search(query, top, allowedDocuments, options.DenseSearchThreads);
        var candidates = index.Search(query, (int)Math.Min(int.MaxValue, (long)top * options.QuantizedOversampling), allowedDocuments, options.DenseSearchThreads);
        return await RescoreAsync(connection, candidates, query, top, cancellationToken);
    }

    /// <summary>Reads the float32 vectors of <paramref name="candidates"/> by rowid and returns the best <paramref name="top"/>
    /// by their exact cosine (ties: lower rowid first). The vectors stay in the file: holding them in RAM beside the codes
    /// would undo the saving, and a few hundred rowid lookups cost about a millisecond when the pages are cached.
    /// Candidates deleted since the index was brought up to date are left out.</summary>
    public static async Task<List<(long RowId, float Score)>> RescoreAsync(SqliteConnection connection, List<(long RowId, float Score)> candidates, float[] query,
        int top, CancellationToken cancellationToken)
    {
        var rescored = new List<(long RowId, float Score)>(candidates.Count);
        var bytes = query.Length * sizeof(float);
        var buffer = new byte[bytes];
        foreach (var batch in candidates.Chunk(500))
        {
            await using var command = connection.CreateCommand();
            var names = new string[batch.Length];
            for (var i = 0; i < batch.Length; i++)
            {
                names[i] = "$r" + i.ToString(CultureInfo.InvariantCulture);
                command.Parameters.AddWithValue(names[i], batch[i].RowId);
            }
            command.CommandText = $"SELECT rowid, vector FROM chunks WHERE rowid IN ({string.Join(", ", names)}) AND length(vector) = {bytes}";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                reader.GetBytes(1, 0, buffer, 0, bytes);
                rescored.Add((reader.GetInt64(0), TensorPrimitives.Dot(MemoryMarshal.Cast<byte, float>(buffer.AsSpan()), query)));
            }
        }
        return rescored.OrderByDescending(h => h.Score).ThenBy(h => h.RowId).Take(top).ToList();
    }

    public static async Task<long> GenerationAsync(SqliteConnection connection, CancellationToken cancellationToken) =>
        await GenerationAsync(connection, null, cancellationToken);

    public static async Task<long> GenerationAsync(SqliteConnection connection, SqliteTransaction? tx, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "SELECT value FROM meta WHERE key = 'generation'";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    /// <summary>Per document ordinal of <paramref name="index"/>: does the filter admit it? Null when nothing filters.</summary>
    public static async Task<bool[]?> AllowedDocumentsAsync(SqliteConnection connection, DenseVectorIndex index, SearchFilter? filter, CancellationToken cancellationToken)
    {
        if (filter is null || filter.IsEmpty) return null;
        // Ordinals added after this mask was sized fall outside it and count as not allowed.
        var allowed = new bool[index.DocumentOrdinalById.Count];
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT d.id FROM documents d WHERE 1 = 1{SqliteFilterSql.Conditions(filter, command)}";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (index.DocumentOrdinalById.TryGetValue(reader.GetString(0), out var ordinal)) allowed[ordinal] = true;
        }
        return allowed;
    }

    /// <summary>The chunks and document paths of <paramref name="hits"/>, in hit order. Rows deleted since the
    /// vectors were loaded are left out.</summary>
    public static async Task<IReadOnlyList<ScoredChunk>> LoadHitsAsync(SqliteConnection connection, List<(long RowId, float Score)> hits, CancellationToken cancellationToken,
        bool includeVectors = false)
    {
        if (hits.Count == 0) return [];
        await using var command = connection.CreateCommand();
        var names = new string[hits.Count];
        for (var i = 0; i < hits.Count; i++)
        {
            names[i] = "$r" + i.ToString(CultureInfo.InvariantCulture);
            command.Parameters.AddWithValue(names[i], hits[i].RowId);
        }
        command.CommandText = $"""
            SELECT {SqliteRows.ChunkColumnsFor(includeVectors)}, d.path, c.rowid
            FROM chunks c JOIN documents d ON d.id = c.document_id
            WHERE c.rowid IN ({string.Join(", ", names)})
            """;
        var byRowId = new Dictionary<long, (ChunkRecord Chunk, string Path)>(hits.Count);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                byRowId[reader.GetInt64(SqliteRows.ChunkColumnCount + 1)] = (SqliteRows.ReadChunk(reader), reader.GetString(SqliteRows.ChunkColumnCount));
            }
        }
        var results = new List<ScoredChunk>(hits.Count);
        foreach (var (rowId, score) in hits)
        {
            if (byRowId.TryGetValue(rowId, out var row)) results.Add(new ScoredChunk(row.Chunk, row.Path, score));
        }
        return results;
    }
}
