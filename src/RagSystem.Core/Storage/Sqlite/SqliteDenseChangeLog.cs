using System.Globalization;
using Microsoft.Data.Sqlite;

namespace RagSystem.Storage.Sqlite;

/// <summary>The log that lets each process's in-memory dense index follow writes incrementally instead of reloading every
/// vector: every write transaction records the chunk rows whose vectors it removed and added (table <c>dense_changes</c>,
/// created on open when absent, so no schema version is needed). The log is trimmed as it grows; a reader that fell
/// behind the trimmed part reloads once.</summary>
internal static class SqliteDenseChangeLog
{
    /// <summary>Entries kept after a trim; a reader more than this many changes behind reloads the whole matrix.</summary>
    private const int KeepAfterTrim = 100_000;

    public const string CreateSql = """
        CREATE TABLE IF NOT EXISTS dense_changes (seq INTEGER PRIMARY KEY AUTOINCREMENT, chunk_rowid INTEGER NOT NULL, added INTEGER NOT NULL);
        INSERT OR IGNORE INTO meta (key, value) VALUES ('dense_log_trimmed_through', '0');
        """;

    public static async Task EnsureAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = CreateSql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Logs the removal of a document's vector rows; call before deleting its chunks, inside the write transaction.</summary>
    public static Task LogRemovedAsync(SqliteConnection connection, SqliteTransaction tx, string documentId, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, tx, "INSERT INTO dense_changes (chunk_rowid, added) SELECT rowid, 0 FROM chunks WHERE document_id = $doc AND vector IS NOT NULL",
            documentId, cancellationToken);

    /// <summary>Logs the addition of a document's vector rows; call after inserting its chunks, inside the write transaction.
    /// Trims the log when it has grown past twice <see cref="KeepAfterTrim"/>.</summary>
    public static async Task LogAddedAsync(SqliteConnection connection, SqliteTransaction tx, string documentId, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, tx, "INSERT INTO dense_changes (chunk_rowid, added) SELECT rowid, 1 FROM chunks WHERE document_id = $doc AND vector IS NOT NULL",
            documentId, cancellationToken);
        await ExecuteAsync(connection, tx, $"""
            UPDATE meta SET value = CAST((SELECT max(seq) FROM dense_changes) - {KeepAfterTrim} AS TEXT)
              WHERE key = 'dense_log_trimmed_through' AND (SELECT count(*) FROM dense_changes) > {2 * KeepAfterTrim};
            DELETE FROM dense_changes WHERE seq <= CAST((SELECT value FROM meta WHERE key = 'dense_log_trimmed_through') AS INTEGER);
            """, null, cancellationToken);
    }

    /// <summary>The newest entry's sequence number (0 when none), read inside the caller's transaction.</summary>
    public static async Task<long> HeadAsync(SqliteConnection connection, SqliteTransaction tx, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "SELECT coalesce(max(seq), 0) FROM dense_changes";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    /// <summary>The entries after <paramref name="afterSeq"/>, oldest first, or null when some of them were trimmed away.</summary>
    public static async Task<List<(long Seq, long RowId, bool Added)>?> ReadAsync(SqliteConnection connection, SqliteTransaction tx, long afterSeq, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = """
            SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'dense_log_trimmed_through';
            SELECT seq, chunk_rowid, added FROM dense_changes WHERE seq > $after ORDER BY seq;
            """;
        command.Parameters.AddWithValue("$after", afterSeq);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        if (reader.GetInt64(0) > afterSeq) return null;
        await reader.NextResultAsync(cancellationToken);
        var changes = new List<(long, long, bool)>();
        while (await reader.ReadAsync(cancellationToken)) changes.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2) != 0));
        return changes;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction tx, string sql, string? documentId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        if (documentId is not null) command.Parameters.AddWithValue("$doc", documentId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
