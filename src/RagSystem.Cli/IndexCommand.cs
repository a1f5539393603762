using System.CommandLine;
using System.Globalization;
using Microsoft.Data.Sqlite;
using RagSystem.Ingestion;
using RagSystem.Storage;
using RagSystem.Storage.Sqlite;

namespace RagSystem.Cli;

/// <summary><c>rag index check</c> and <c>rag index rebuild</c>: find damage in the index, and rebuild it from the
/// folder it was built from, keeping the old file aside.</summary>
internal static class IndexCommand
{
    private static readonly Option<bool> Wait = new("--wait") { Description = "If another process is writing the index, wait for it instead of refusing" };

    public static Command Create()
    {
        var check = new Command("check", "Check the index for damage: SQLite's full integrity check, then documents ↔ chunks ↔ full-text rows ↔ vectors.");
        check.SetAction(async (parse, ct) => await CheckAsync(parse, ct));
        var rebuild = new Command("rebuild", "Rebuild the index from the folder it was built from. The old index file is renamed, never deleted.") { Wait };
        rebuild.SetAction(async (parse, ct) => await RebuildAsync(parse, ct));
        return new Command("index", "Check or rebuild the index.") { check, rebuild };
    }

    private static async Task<int> CheckAsync(ParseResult parse, CancellationToken ct)
    {
        await using var host = RagHost.Create(parse);
        if (!RequireSqlite(host, "check")) return ExitCodes.Error;
        var databasePath = host.SqliteDatabasePath;
        if (!File.Exists(databasePath))
        {
            host.Error($"no index in {host.Options.DataDirectory}; run `rag ingest <folder>` first");
            return ExitCodes.Error;
        }
        IReadOnlyList<string> problems;
        long documents = 0, chunks = 0;
        string? lexicalSummary = null;
        var connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        try
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync(ct);
            problems = await SqliteIntegrityCheck.FullCheckAsync(connection, ct);
            if (problems.Count == 0)
            {
                await using var count = connection.CreateCommand();
                count.CommandText = "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM chunks)";
                await using var reader = await count.ExecuteReaderAsync(ct);
                await reader.ReadAsync(ct);
                documents = reader.GetInt64(0);
                chunks = reader.GetInt64(1);
                await reader.DisposeAsync();
                if (host.Options.Store.Sqlite.LexicalEngine == SqliteLexicalEngine.Lucene)
                {
                    var lexical = await LuceneLexicalIndexCheck.CheckAsync(connection, databasePath, host.Options.Store.Sqlite, ct);
                    problems = lexical.Problems;
                    lexicalSummary = lexical.Summary;
                }
            }
        }
        catch (SqliteException ex)
        {
            problems = [$"SQLite: {ex.Message}"];
        }
        if (problems.Count == 0)
        {
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"index OK: {documents} documents, {chunks} chunks ({databasePath})"));
            if (lexicalSummary is not null) Console.Out.WriteLine(lexicalSummary);
            return ExitCodes.Success;
        }
        foreach (var problem in problems) Console.Out.WriteLine(problem);
        host.Error($"the index {databasePath} is damaged ({problems.Count} problem(s) above); run `rag index rebuild` to rebuild it from its source folder");
        return ExitCodes.Error;
    }

    private static async Task<int> RebuildAsync(ParseResult parse, CancellationToken ct)
    {
        await using var host = RagHost.Create(parse);
        if (!RequireSqlite(host, "rebuild")) return ExitCodes.Error;
        var data = host.Options.DataDirectory;
        var source = IndexedRoot.Read(data);
        if (source is null)
        {
            host.Error($"{data} records no source folder to rebuild from; run `rag ingest <folder> --data <new folder>` instead");
            return ExitCodes.Error;
        }
        if (!Directory.Exists(source) && !File.Exists(source))
        {
            host.Error($"the index in {data} was built from {source}, which no longer exists; run `rag ingest <folder> --data <new folder>` instead");
            return ExitCodes.Error;
        }
        using var writeLock = await IngestionLock.AcquireAsync(data, parse.GetValue(Wait),
            holder => host.Notice($"waiting for {holder} to finish writing the index…"), ct);
        // The host's store opens lazily, on first use: nothing has opened the old file yet, so it can be moved aside.
        var keptAs = SetAside(host.SqliteDatabasePath);
        if (keptAs is not null) host.Notice($"the previous index is kept as {keptAs}");
        var report = await IngestCommand.IngestAsync(host, source, quiet: false, retryFailed: false, ct);
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rebuilt the index from {source}: {report.Added} documents, {report.Chunks} chunks, {report.Failed.Count} file(s) could not be read"));
        foreach (var failure in report.Failed) host.Notice($"  {failure.Path}: {failure.Reason}");
        return ExitCodes.Success;
    }

    private static bool RequireSqlite(RagHost host, string verb)
    {
        if (host.UsesSqliteStore) return true;
        host.Error($"`rag index {verb}` works on the embedded SQLite index; Store:Kind is {host.Options.Store.Kind}");
        return false;
    }

    /// <summary>Renames the store file and its WAL and shared-memory companions to <c>rag.db.before-rebuild-&lt;time&gt;</c>
    /// (a stale WAL beside a fresh file would be replayed into it). Returns the new name, or null when there was no file.</summary>
    private static string? SetAside(string databasePath)
    {
        if (!File.Exists(databasePath)) return null;
        SqliteConnection.ClearAllPools();
        var kept = $"{databasePath}.before-rebuild-{DateTime.UtcNow:yyyyMMdd-HHmmss}";
        for (var n = 2; File.Exists(kept); n++) kept = $"{databasePath}.before-rebuild-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{n}";
        File.Delete(databasePath + SqliteIntegrityCheck.CheckedSuffix);
        foreach (var suffix in new[] { "-wal", "-shm" })
        {
            if (File.Exists(databasePath + suffix)) File.Move(databasePath + suffix, kept + suffix);
        }
        File.Move(databasePath, kept);
        // The lexical index is derived from the file: it goes with it (a new file would rebuild it anyway, by its store id).
        var lexical = LuceneLexicalIndex.FolderFor(databasePath);
        if (Directory.Exists(lexical)) Directory.Move(lexical, kept + ".lucene");
        return kept;
    }
}
