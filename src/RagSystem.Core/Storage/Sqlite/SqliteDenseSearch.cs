using System.Globalization;
using Microsoft.Data.Sqlite;

namespace RagSystem.Storage.Sqlite;

/// <summary>The SQL around exact dense search: the write generation, filter masks and loading the winning rows.</summary>
internal static class SqliteDenseSearch
{
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
