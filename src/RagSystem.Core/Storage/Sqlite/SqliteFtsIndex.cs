using Microsoft.Data.Sqlite;

namespace RagSystem.Storage.Sqlite;

/// <summary>The FTS5 table's layout and what goes into each column: the document title, the chunk's heading path and
/// the chunk text, each passed through <see cref="LexicalNormalizer.Normalize"/> so that figures are indexed the way
/// queries spell them. The table is contentless: the text itself lives once, in <c>chunks</c>.</summary>
internal static class SqliteFtsIndex
{
    /// <summary>Columns in the order <c>bm25()</c> takes their weights.</summary>
    public const string Columns = "title, heading, body";

    /// <summary>The statement creating the FTS table with <paramref name="ftsTokenizer"/> (checked for quotes by the caller).</summary>
    public static string CreateTableSql(string ftsTokenizer) =>
        $"CREATE VIRTUAL TABLE chunks_fts USING fts5 ({Columns}, content = '', contentless_delete = 1, tokenize = '{ftsTokenizer}');";

    /// <summary>The indexed form of a document title.</summary>
    public static string TitleText(string? title) => title is null ? string.Empty : LexicalNormalizer.Normalize(title);

    /// <summary>The indexed form of a heading path: its headings joined outermost first.</summary>
    public static string HeadingText(IReadOnlyList<string> headingPath) => LexicalNormalizer.Normalize(SqliteRows.HeadingText(headingPath));

    /// <summary>The indexed form of a chunk's text.</summary>
    public static string BodyText(string text) => LexicalNormalizer.Normalize(text);

    /// <summary>Drops the FTS table and builds it again from <c>chunks</c> and <c>documents</c>, keeping the tokenizer the
    /// store was created with. Used by schema upgrades that change what the index holds.</summary>
    public static async Task RebuildAsync(SqliteConnection connection, SqliteTransaction tx, CancellationToken cancellationToken)
    {
        var tokenizer = await ReadTokenizerAsync(connection, tx, cancellationToken);
        await SqliteSchema.ExecuteAsync(connection, tx, "DROP TABLE IF EXISTS chunks_fts; " + CreateTableSql(tokenizer), cancellationToken);

        await using var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = "INSERT INTO chunks_fts (rowid, title, heading, body) VALUES ($rowid, $title, $heading, $body)";
        var pRowId = insert.Parameters.Add("$rowid", SqliteType.Integer);
        var pTitle = insert.Parameters.Add("$title", SqliteType.Text);
        var pHeading = insert.Parameters.Add("$heading", SqliteType.Text);
        var pBody = insert.Parameters.Add("$body", SqliteType.Text);

        await using var select = connection.CreateCommand();
        select.Transaction = tx;
        select.CommandText = "SELECT c.rowid, d.title, c.heading_path, c.text FROM chunks c LEFT JOIN documents d ON d.id = c.document_id";
        await using var rows = await select.ExecuteReaderAsync(cancellationToken);
        while (await rows.ReadAsync(cancellationToken))
        {
            pRowId.Value = rows.GetInt64(0);
            pTitle.Value = TitleText(rows.IsDBNull(1) ? null : rows.GetString(1));
            pHeading.Value = HeadingText(SqliteRows.ReadList(rows.GetString(2)));
            pBody.Value = BodyText(rows.GetString(3));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task<string> ReadTokenizerAsync(SqliteConnection connection, SqliteTransaction tx, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "SELECT value FROM meta WHERE key = 'fts_tokenizer'";
        var tokenizer = await command.ExecuteScalarAsync(cancellationToken) as string;
        if (string.IsNullOrWhiteSpace(tokenizer) || tokenizer.Contains('\'', StringComparison.Ordinal))
            throw new StoreSchemaException($"The store's recorded FTS tokenizer '{tokenizer}' is missing or invalid; re-ingest into a new --data folder.");
        return tokenizer;
    }
}
