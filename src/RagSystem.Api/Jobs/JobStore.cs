using System.Text.Json;
using Microsoft.Data.Sqlite;
using RagSystem.Api.Hosting;

namespace RagSystem.Api.Jobs;

/// <summary>Ingestion jobs persisted in <c>&lt;DataDirectory&gt;/jobs.db</c> (SQLite, WAL), whatever store holds the index, so
/// jobs outlive the process: after a restart they are still listed and unfinished ones resume. One row per job; the job
/// itself is kept as JSON beside the columns that are queried.</summary>
public sealed class JobStore
{
    /// <summary>The file name under the data directory.</summary>
    public const string FileName = "jobs.db";

    private static readonly JsonSerializerOptions Json = CreateJson();
    private readonly string _connectionString;
    private readonly SemaphoreSlim _initialized = new(1, 1);
    private bool _ready;

    /// <summary>Uses <paramref name="databasePath"/>; nothing is opened until first use.</summary>
    public JobStore(string databasePath)
    {
        DatabasePath = Path.GetFullPath(databasePath);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = DatabasePath, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true, DefaultTimeout = 30 }.ToString();
    }

    /// <summary>The database file.</summary>
    public string DatabasePath { get; }

    /// <summary>Stores a new job.</summary>
    public async Task AddAsync(IngestionJob job, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO jobs(id, state, created_utc, body) VALUES ($id, $state, $created, $body)";
        Bind(command, job);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Replaces a stored job.</summary>
    public async Task SaveAsync(IngestionJob job, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE jobs SET state = $state, body = $body WHERE id = $id";
        Bind(command, job);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A job by id, or null.</summary>
    public async Task<IngestionJob?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT body FROM jobs WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return await command.ExecuteScalarAsync(cancellationToken) is string body ? JsonSerializer.Deserialize<IngestionJob>(body, Json) : null;
    }

    /// <summary>Jobs newest first, a page at a time, with the total count.</summary>
    public async Task<(IReadOnlyList<IngestionJob> Jobs, int Total)> ListAsync(int offset, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var jobs = await ReadAsync(connection, "SELECT body FROM jobs ORDER BY seq DESC LIMIT $limit OFFSET $offset",
            c => { c.Parameters.AddWithValue("$limit", limit); c.Parameters.AddWithValue("$offset", offset); }, cancellationToken);
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM jobs";
        return (jobs, Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Queued and running jobs, oldest first: the ones to resume after a restart.</summary>
    public async Task<IReadOnlyList<IngestionJob>> ListUnfinishedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await ReadAsync(connection, "SELECT body FROM jobs WHERE state IN ('queued', 'running') ORDER BY seq", _ => { }, cancellationToken);
    }

    private static async Task<List<IngestionJob>> ReadAsync(SqliteConnection connection, string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command);
        var jobs = new List<IngestionJob>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) jobs.Add(JsonSerializer.Deserialize<IngestionJob>(reader.GetString(0), Json)!);
        return jobs;
    }

    private static void Bind(SqliteCommand command, IngestionJob job)
    {
        command.Parameters.AddWithValue("$id", job.Id);
        command.Parameters.AddWithValue("$state", JsonNamingPolicy.SnakeCaseLower.ConvertName(job.State.ToString()));
        command.Parameters.AddWithValue("$created", job.CreatedUtc.ToString("O"));
        command.Parameters.AddWithValue("$body", JsonSerializer.Serialize(job, Json));
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            if (!_ready) await InitializeAsync(cancellationToken);
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _initialized.WaitAsync(cancellationToken);
        try
        {
            if (_ready) return;
            Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
            await using var connection = new SqliteConnection(_connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = """
                PRAGMA journal_mode = WAL;
                CREATE TABLE IF NOT EXISTS jobs (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    id TEXT NOT NULL UNIQUE,
                    state TEXT NOT NULL,
                    created_utc TEXT NOT NULL,
                    body TEXT NOT NULL);
                CREATE INDEX IF NOT EXISTS jobs_state ON jobs(state);
                """;
            await command.ExecuteNonQueryAsync(cancellationToken);
            _ready = true;
        }
        finally
        {
            _initialized.Release();
        }
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions();
        ApiJson.Configure(options);
        return options;
    }
}
