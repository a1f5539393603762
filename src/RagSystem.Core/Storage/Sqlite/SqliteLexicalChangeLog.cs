using System.Globalization;
using Microsoft.Data.Sqlite;

namespace RagSystem.Storage.Sqlite;

/// <summary>The log that keeps the Lucene lexical index (<see cref="LuceneLexicalIndex"/>) consistent with SQLite, the
/// source of truth: every write transaction records the ids of the documents whose chunks it replaced or removed (table
/// <c>lexical_changes</c>, created on open when absent, so no schema version is needed). A Lucene commit records the last
/// entry it applied; whoever searches next applies the entries after it. The log is trimmed as it grows; an index that
/// fell behind the trimmed part is rebuilt from <c>chunks</c>. The store also gets a random id (<c>store_uid</c>), so a
/// Lucene folder left beside a replaced database file is recognised as another store's.</summary>
internal static class SqliteLexicalChangeLog
{
    /// <summary>Entries kept after a trim; an index more than this many documents behind is rebuilt.</summary>
    private const int KeepAfterTrim = 50_000;

    private const string CreateSql = """
        CREATE TABLE IF NOT EXISTS lexical_changes (seq INTEGER PRIMARY KEY AUTOINCREMENT, document_id TEXT NOT NULL);
        INSERT OR IGNORE INTO meta (key, value) VALUES ('lexical_log_trimmed_through', '0');
        INSERT OR IGNORE INTO meta (key, value) VALUES ('store_uid', lower(hex(randomblob(16))));
        """;

    /// <summary>Where the log stands: the store's id, the newest entry (0 when none) and the last trimmed entry.</summary>
    public sealed record State(string StoreUid, long Head, long TrimmedThrough);

    public static async Task EnsureAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = CreateSql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Logs that <paramref name="documentId"/>'s chunks change, inside the write transaction that changes them,
    /// and trims the log when it has grown past twice <see cref="KeepAfterTrim"/>.</summary>
    public static async Task LogAsync(SqliteConnection connection, SqliteTransaction tx, string documentId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = $"""
            INSERT INTO lexical_changes (document_id) VALUES ($doc);
            UPDATE meta SET value = CAST((SELECT max(seq) FROM lexical_changes) - {KeepAfterTrim} AS TEXT)
              WHERE key = 'lexical_log_trimmed_through' AND (SELECT count(*) FROM lexical_changes) > {2 * KeepAfterTrim};
            DELETE FROM lexical_changes WHERE seq <= CAST((SELECT value FROM meta WHERE key = 'lexical_log_trimmed_through') AS INTEGER);
            """;
        command.Parameters.AddWithValue("$doc", documentId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The log's state, read inside <paramref name="tx"/> when given (a snapshot consistent with the chunks read there).</summary>
    public static async Task<State> ReadStateAsync(SqliteConnection connection, SqliteTransaction? tx, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = """
            SELECT (SELECT value FROM meta WHERE key = 'store_uid'),
                   (SELECT coalesce(max(seq), 0) FROM lexical_changes),
                   (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'lexical_log_trimmed_through')
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new State(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    /// <summary>The distinct documents named by entries after <paramref name="afterSeq"/> up to <paramref name="throughSeq"/>.</summary>
    public static async Task<List<string>> ChangedDocumentsAsync(SqliteConnection connection, SqliteTransaction tx, long afterSeq, long throughSeq, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "SELECT DISTINCT document_id FROM lexical_changes WHERE seq > $after AND seq <= $through";
        command.Parameters.AddWithValue("$after", afterSeq);
        command.Parameters.AddWithValue("$through", throughSeq);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var documents = new List<string>();
        while (await reader.ReadAsync(cancellationToken)) documents.Add(reader.GetString(0));
        return documents;
    }

    /// <summary>Formats a sequence number for Lucene's commit data.</summary>
    public static string Format(long seq) => seq.ToString(CultureInfo.InvariantCulture);
}
