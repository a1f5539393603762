using System.Globalization;
using Microsoft.Data.Sqlite;

namespace RagSystem.Storage.Sqlite;

/// <summary>Checks a store file for damage. <see cref="QuickCheckAsync"/> runs at every open, bounded in time;
/// <see cref="FullCheckAsync"/> backs <c>rag index check</c>: SQLite's full <c>integrity_check</c> and our invariants
/// between documents, chunks, full-text rows and vectors.</summary>
public static class SqliteIntegrityCheck
{
    /// <summary>How long the check at open may run before it is interrupted and the file assumed sound. <c>quick_check</c>
    /// reads every page; a budget keeps a very large index quick to open, and damage it did not reach is still reported,
    /// as <see cref="IndexDamagedException"/>, by the query that meets it. Default 2 seconds.</summary>
    public static TimeSpan DefaultQuickCheckBudget { get; } = TimeSpan.FromSeconds(2);

    private const int SqliteInterrupt = 9;
    private const int SqliteCorrupt = 11;
    private const string Complete = "complete";
    private const string Partial = "partial";

    /// <summary>The stamp file beside the store that records the size and modification time at which the file last passed.</summary>
    public const string CheckedSuffix = ".checked";

    /// <summary>Runs <c>PRAGMA quick_check</c> for at most <paramref name="budget"/> (default <see cref="DefaultQuickCheckBudget"/>),
    /// unless the file has not changed (same size and modification time) since it last passed, fully or up to its budget:
    /// on a 150 MB index the check takes about a second, which every <c>rag search</c> would otherwise pay. Truncating or
    /// overwriting the file changes both, and the next open checks again. Writers call <see cref="VerifyAsync"/> instead,
    /// which never settles for a partial pass.</summary>
    /// <returns>True when the check passed in full; false when only part of the file was checked (now or before).</returns>
    /// <exception cref="IndexDamagedException">The file is damaged.</exception>
    public static async Task<bool> QuickCheckAsync(SqliteConnection connection, string databasePath, TimeSpan? budget = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var stamp = Stamp(databasePath);
        var previous = ReadStamp(databasePath);
        if (stamp is not null && previous == $"{stamp} {Complete}") return true;
        if (stamp is not null && previous == $"{stamp} {Partial}") return false;
        var complete = await RunQuickCheckAsync(connection, databasePath, budget ?? DefaultQuickCheckBudget, cancellationToken);
        if (stamp is not null) WriteStamp(databasePath, $"{stamp} {(complete ? Complete : Partial)}");
        return complete;
    }

    /// <summary>The whole <c>quick_check</c>, without a time limit, on its own connection, unless the file passed it in full
    /// since it last changed. For writers (ingestion): a damaged index must never be read as "nothing changed".</summary>
    /// <exception cref="IndexDamagedException">The file is damaged.</exception>
    public static async Task VerifyAsync(string databasePath, CancellationToken cancellationToken = default)
    {
        var stamp = Stamp(databasePath);
        if (stamp is null || ReadStamp(databasePath) == $"{stamp} {Complete}") return;
        var connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        try
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await RunQuickCheckAsync(connection, databasePath, Timeout.InfiniteTimeSpan, cancellationToken);
        }
        catch (SqliteException ex) when (IndexDamagedException.IsDamageCode(ex.SqliteErrorCode))
        {
            throw new IndexDamagedException(databasePath, ex.Message, ex);
        }
        WriteStamp(databasePath, $"{stamp} {Complete}");
    }

    private static async Task<bool> RunQuickCheckAsync(SqliteConnection connection, string databasePath, TimeSpan budget, CancellationToken cancellationToken)
    {
        using var timer = new CancellationTokenSource(budget);
        await using var interrupt = timer.Token.Register(() => SQLitePCL.raw.sqlite3_interrupt(connection.Handle));
        try
        {
            var findings = await RowsAsync(connection, "PRAGMA quick_check(5)", cancellationToken);
            if (findings is ["ok"]) return true;
            // One line: SQLite's first finding (its "*** in database main ***" banner skipped) and how many more there are.
            var real = string.Join('\n', findings).ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(f => !f.StartsWith("***", StringComparison.Ordinal)).ToList();
            throw new IndexDamagedException(databasePath, real.Count == 0 ? "quick_check failed"
                : real.Count == 1 ? real[0] : $"{real[0]}, and more");
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == SqliteInterrupt && timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == SqliteCorrupt)
        {
            // SQLITE_NOTADB is left to the caller: a file that was never a database is not a damaged index.
            throw new IndexDamagedException(databasePath, ex.Message, ex);
        }
    }

    private static string? Stamp(string databasePath)
    {
        var file = new FileInfo(databasePath);
        return file.Exists && file.Length > 0 ? string.Create(CultureInfo.InvariantCulture, $"{file.Length} {file.LastWriteTimeUtc.Ticks}") : null;
    }

    private static string? ReadStamp(string databasePath)
    {
        try
        {
            return File.ReadAllText(databasePath + CheckedSuffix).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static void WriteStamp(string databasePath, string stamp)
    {
        try
        {
            File.WriteAllText(databasePath + CheckedSuffix, stamp);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A read-only data folder: the check simply runs at every open.
        }
    }

    /// <summary>The full check: every problem found, or an empty list for a sound index. Reads only.</summary>
    public static async Task<IReadOnlyList<string>> FullCheckAsync(SqliteConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var problems = new List<string>();
        try
        {
            var integrity = await RowsAsync(connection, "PRAGMA integrity_check(20)", cancellationToken);
            if (integrity is not ["ok"]) problems.AddRange(integrity.Select(r => $"SQLite integrity_check: {r}"));
        }
        catch (SqliteException ex)
        {
            problems.Add($"SQLite integrity_check failed: {ex.Message}");
            return problems;
        }
        foreach (var (sql, describe) in Invariants)
        {
            try
            {
                var rows = await RowsAsync(connection, sql, cancellationToken);
                problems.AddRange(rows.Select(describe));
            }
            catch (SqliteException ex)
            {
                problems.Add($"{describe("?")} (the check itself failed: {ex.Message})");
            }
        }
        return problems;
    }

    // Each query returns one row per violation (or a count of violations, only when non-zero).
    private static readonly (string Sql, Func<string, string> Describe)[] Invariants =
    [
        ("SELECT count(*) FROM chunks c WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = c.document_id) HAVING count(*) > 0",
            n => $"{n} chunk(s) belong to no document"),
        ("""
         SELECT d.path || ': records ' || d.chunk_count || ' chunks, holds ' || (SELECT count(*) FROM chunks c WHERE c.document_id = d.id)
         FROM documents d WHERE d.chunk_count != (SELECT count(*) FROM chunks c WHERE c.document_id = d.id) LIMIT 20
         """,
            r => $"document {r}"),
        ("SELECT count(*) FROM chunks c WHERE NOT EXISTS (SELECT 1 FROM chunks_fts f WHERE f.rowid = c.rowid) HAVING count(*) > 0",
            n => $"{n} chunk(s) are missing from the full-text index"),
        ("SELECT count(*) FROM chunks_fts f WHERE NOT EXISTS (SELECT 1 FROM chunks c WHERE c.rowid = f.rowid) HAVING count(*) > 0",
            n => $"{n} full-text row(s) belong to no chunk"),
        ("SELECT count(*) FROM chunks WHERE vector IS NOT NULL AND (length(vector) = 0 OR length(vector) % 4 != 0) HAVING count(*) > 0",
            n => $"{n} vector(s) are not whole float32 arrays"),
        ("SELECT count(DISTINCT length(vector)) FROM chunks WHERE vector IS NOT NULL HAVING count(DISTINCT length(vector)) > 1",
            n => $"vectors come in {n} different sizes; one index holds one dimension"),
        ("SELECT count(*) FROM chunks WHERE (vector IS NULL) != (embedding_model IS NULL) HAVING count(*) > 0",
            n => $"{n} chunk(s) have an embedding model without a vector, or a vector without a model"),
        ("SELECT count(*) FROM documents d WHERE d.embedding_model IS NOT (SELECT c.embedding_model FROM chunks c WHERE c.document_id = d.id LIMIT 1) AND d.chunk_count > 0 HAVING count(*) > 0",
            n => $"{n} document(s) record another embedding model than their chunks"),
    ];

    private static async Task<List<string>> RowsAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<string>();
        while (await reader.ReadAsync(cancellationToken)) rows.Add(Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture) ?? "");
        return rows;
    }
}
