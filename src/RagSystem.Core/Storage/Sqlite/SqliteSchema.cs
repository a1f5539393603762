using Microsoft.Data.Sqlite;

namespace RagSystem.Storage.Sqlite;

/// <summary>Creates the store's tables and checks (and later migrates) the schema version kept in <c>PRAGMA user_version</c>.</summary>
internal static class SqliteSchema
{
    /// <summary>The schema this build writes. Bump it and add a step to <see cref="Migrations"/> when the layout changes.</summary>
    public const int CurrentVersion = 4;

    /// <summary>Upgrade steps: entry i takes a store from version i + 1 to i + 2, inside the transaction it is given.</summary>
    private static readonly Func<SqliteConnection, SqliteTransaction, CancellationToken, Task>[] Migrations =
    [
        // 1 → 2: failures remembered by content hash, so broken files are not parsed again on every run.
        (connection, tx, ct) => ExecuteAsync(connection, tx, FailuresTable, ct),
        // 2 → 3: the FTS index gains a title column and indexes figures without thousands separators.
        SqliteFtsIndex.RebuildAsync,
        // 3 → 4: provenance for citations: a chunk's printed page label and OCR confidence, a document's OCR-read page count.
        async (connection, tx, ct) =>
        {
            await AddColumnAsync(connection, tx, "chunks", "page_label", "TEXT", ct);
            await AddColumnAsync(connection, tx, "chunks", "ocr_confidence", "REAL", ct);
            await AddColumnAsync(connection, tx, "documents", "ocr_pages", "INTEGER NOT NULL DEFAULT 0", ct);
        },
    ];

    private const string FailuresTable = """
        CREATE TABLE failures (
            document_id TEXT PRIMARY KEY, path TEXT NOT NULL, content_hash TEXT NOT NULL, kind TEXT NOT NULL, reason TEXT NOT NULL,
            failed_utc TEXT NOT NULL);
        """;

    public static async Task EnsureAsync(SqliteConnection connection, string databasePath, string ftsTokenizer, CancellationToken cancellationToken)
    {
        var version = Convert.ToInt32(await ScalarAsync(connection, "PRAGMA user_version", cancellationToken));
        if (version > CurrentVersion)
        {
            throw new StoreSchemaException(
                $"{databasePath} was written by a newer RagSystem (schema version {version}; this build reads up to {CurrentVersion}). " +
                "Upgrade rag, or point --data at another folder.");
        }
        if (version == 0)
        {
            var tables = Convert.ToInt64(await ScalarAsync(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table'", cancellationToken));
            if (tables > 0)
            {
                throw new StoreSchemaException($"{databasePath} is a SQLite file but not a RagSystem store; point --data at another folder.");
            }
            await CreateAsync(connection, ftsTokenizer, cancellationToken);
            return;
        }
        for (var v = version; v < CurrentVersion; v++)
        {
            await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await Migrations[v - 1](connection, tx, cancellationToken);
            await ExecuteAsync(connection, tx, $"PRAGMA user_version = {v + 1}", cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
    }

    private static async Task CreateAsync(SqliteConnection connection, string ftsTokenizer, CancellationToken cancellationToken)
    {
        if (ftsTokenizer.Contains('\'', StringComparison.Ordinal))
        {
            throw new ArgumentException($"FTS tokenizer '{ftsTokenizer}' must not contain quotes.", nameof(ftsTokenizer));
        }
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        // Chunk rowids double as FTS rowids; the FTS table is contentless (the text lives once, in chunks) and
        // contentless_delete lets a document's rows be removed by rowid alone.
        var sql = $"""
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            INSERT INTO meta (key, value) VALUES ('generation', '0'), ('fts_tokenizer', '{ftsTokenizer}');
            CREATE TABLE documents (
                id TEXT PRIMARY KEY, path TEXT NOT NULL, content_hash TEXT NOT NULL, size_bytes INTEGER NOT NULL,
                format TEXT NOT NULL, chunk_count INTEGER NOT NULL, embedding_model TEXT, ingested_utc TEXT NOT NULL,
                title TEXT, tags TEXT NOT NULL, ocr_pages INTEGER NOT NULL DEFAULT 0);
            CREATE INDEX documents_path ON documents (path);
            CREATE TABLE document_tags (document_id TEXT NOT NULL, tag TEXT NOT NULL, PRIMARY KEY (document_id, tag)) WITHOUT ROWID;
            CREATE INDEX document_tags_tag ON document_tags (tag);
            CREATE TABLE chunks (
                rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, document_id TEXT NOT NULL, ordinal INTEGER NOT NULL,
                text TEXT NOT NULL, token_count INTEGER NOT NULL, page_start INTEGER, page_end INTEGER,
                heading_path TEXT NOT NULL, start INTEGER NOT NULL, length INTEGER NOT NULL,
                embedding_model TEXT, vector BLOB, page_label TEXT, ocr_confidence REAL);
            CREATE INDEX chunks_document ON chunks (document_id, ordinal);
            {FailuresTable}
            {SqliteFtsIndex.CreateTableSql(ftsTokenizer)}
            PRAGMA user_version = {CurrentVersion};
            """;
        await ExecuteAsync(connection, tx, sql, cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    // A store whose version number was lowered by hand (or an interrupted upgrade of an older layout) may hold the column already.
    private static async Task AddColumnAsync(SqliteConnection connection, SqliteTransaction tx, string table, string column, string type,
        CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = $"SELECT count(*) FROM pragma_table_info('{table}') WHERE name = '{column}'";
        if (Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken)) > 0) return;
        await ExecuteAsync(connection, tx, $"ALTER TABLE {table} ADD COLUMN {column} {type}", cancellationToken);
    }

    internal static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    internal static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction tx, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
