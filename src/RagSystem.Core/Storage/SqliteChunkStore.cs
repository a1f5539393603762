using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RagSystem.Diagnostics;
using RagSystem.Storage.Sqlite;

namespace RagSystem.Storage;

/// <summary>The embedded default store: one SQLite file (WAL mode) holding documents, chunks, an FTS5 index ranked by
/// <c>bm25()</c>, and float32 vectors searched exactly from an in-memory matrix. Safe for one writer and concurrent readers.</summary>
public sealed class SqliteChunkStore : IChunkStore, IDisposable
{
    private readonly string _connectionString;
    private readonly SqliteStoreOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly SemaphoreSlim _indexGate = new(1, 1);
    private volatile DenseVectorIndex? _index;

    private SqliteChunkStore(string databasePath, SqliteStoreOptions options, ILogger logger)
    {
        DatabasePath = databasePath;
        _options = options;
        _logger = logger;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        }.ToString();
    }

    /// <summary>The store file.</summary>
    public string DatabasePath { get; }

    /// <summary>Opens the store at <paramref name="databasePath"/>, creating it (and its folder) when absent.</summary>
    /// <exception cref="StoreSchemaException">The file was written by a newer version, or is not a RagSystem store.</exception>
    public static async Task<SqliteChunkStore> OpenAsync(string databasePath, SqliteStoreOptions? options = null, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        var fullPath = Path.GetFullPath(databasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        var store = new SqliteChunkStore(fullPath, options ?? new SqliteStoreOptions(), logger ?? NullLogger.Instance);
        try
        {
            await using var connection = await store.OpenConnectionAsync(cancellationToken);
            await SqliteIntegrityCheck.QuickCheckAsync(connection, fullPath, cancellationToken: cancellationToken);
            await using (var wal = connection.CreateCommand())
            {
                wal.CommandText = "PRAGMA journal_mode = WAL";
                await wal.ExecuteNonQueryAsync(cancellationToken);
            }
            await SqliteSchema.EnsureAsync(connection, fullPath, store._options.FtsTokenizer, cancellationToken);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 26 /* SQLITE_NOTADB */)
        {
            store.Dispose();
            throw new StoreSchemaException($"{fullPath} is not a SQLite database; point --data at another folder.", ex);
        }
        catch
        {
            store.Dispose();
            throw;
        }
        return store;
    }

    /// <inheritdoc />
    public async Task UpsertDocumentAsync(DocumentRecord document, IReadOnlyList<ChunkRecord> chunks, CancellationToken cancellationToken = default)
    {
        using var activity = RagTelemetry.Source.StartActivity("store.upsert");
        activity?.SetTag("rag.document.id", document.Id);
        activity?.SetTag("rag.chunks", chunks.Count);
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenConnectionAsync(cancellationToken);
            await SqliteDocumentWriter.UpsertAsync(connection, document, chunks, cancellationToken);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<bool> DeleteDocumentAsync(string documentId, CancellationToken cancellationToken = default)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenConnectionAsync(cancellationToken);
            return await SqliteDocumentWriter.DeleteAsync(connection, documentId, cancellationToken);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<DocumentRecord?> GetDocumentAsync(string documentId, CancellationToken cancellationToken = default)
    {
        var documents = await QueryDocumentsAsync($"SELECT {SqliteRows.DocumentColumns} FROM documents d WHERE d.id = $id", documentId, cancellationToken);
        return documents.Count == 0 ? null : documents[0];
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DocumentRecord>> ListDocumentsAsync(CancellationToken cancellationToken = default) =>
        QueryDocumentsAsync($"SELECT {SqliteRows.DocumentColumns} FROM documents d ORDER BY d.path", null, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<ChunkRecord>> GetChunksAsync(string documentId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {SqliteRows.ChunkColumns} FROM chunks c WHERE c.document_id = $id ORDER BY c.ordinal";
        command.Parameters.AddWithValue("$id", documentId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var chunks = new List<ChunkRecord>();
        while (await reader.ReadAsync(cancellationToken)) chunks.Add(SqliteRows.ReadChunk(reader));
        return chunks;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ScoredChunk>> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        if ((request.Vector is null) == (request.Text is null))
        {
            throw new ArgumentException("A search request sets exactly one of Vector (dense) and Text (lexical).", nameof(request));
        }
        if (request.Top <= 0) return [];
        await using var connection = await OpenConnectionAsync(cancellationToken);
        if (request.Text is not null)
        {
            using var activity = RagTelemetry.Source.StartActivity("store.search.lexical");
            return await SqliteLexicalSearch.SearchAsync(connection, request.Text, request.Top, request.Filter, _options, cancellationToken);
        }
        using (RagTelemetry.Source.StartActivity("store.search.dense"))
        {
            var index = await GetIndexAsync(connection, cancellationToken);
            var allowed = await SqliteDenseSearch.AllowedDocumentsAsync(connection, index, request.Filter, cancellationToken);
            var hits = index.Search(request.Vector!, request.Top, allowed, _options.DenseSearchThreads);
            return await SqliteDenseSearch.LoadHitsAsync(connection, hits, cancellationToken);
        }
    }

    /// <inheritdoc />
    public async Task<StoreStats> StatsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM chunks), (SELECT count(*) FROM chunks WHERE vector IS NOT NULL);
            SELECT DISTINCT embedding_model FROM chunks WHERE embedding_model IS NOT NULL ORDER BY embedding_model;
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        long documents = reader.GetInt64(0), chunks = reader.GetInt64(1), withVectors = reader.GetInt64(2);
        await reader.NextResultAsync(cancellationToken);
        var models = new List<string>();
        while (await reader.ReadAsync(cancellationToken)) models.Add(reader.GetString(0));
        return new StoreStats(documents, chunks, withVectors, models, DatabasePath);
    }

    /// <summary>Closes pooled connections to the file.</summary>
    public void Dispose()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
        _writeGate.Dispose();
        _indexGate.Dispose();
    }

    private async Task<DenseVectorIndex> GetIndexAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        // The generation counter is bumped by every write transaction, from this process or another one.
        var generation = await SqliteDenseSearch.GenerationAsync(connection, cancellationToken);
        var index = _index;
        if (index is not null && index.Generation == generation) return index;
        await _indexGate.WaitAsync(cancellationToken);
        try
        {
            index = _index;
            if (index is not null && index.Generation == generation) return index;
            var stopwatch = Stopwatch.StartNew();
            index = await DenseVectorIndex.LoadAsync(connection, cancellationToken);
            _index = index;
            _logger.LogDebug("Loaded {Count} vectors of dimension {Dimension} in {Elapsed} ms", index.Count, index.Dimension, stopwatch.ElapsedMilliseconds);
            return index;
        }
        finally
        {
            _indexGate.Release();
        }
    }

    private async Task<IReadOnlyList<DocumentRecord>> QueryDocumentsAsync(string sql, string? id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (id is not null) command.Parameters.AddWithValue("$id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var documents = new List<DocumentRecord>();
        while (await reader.ReadAsync(cancellationToken)) documents.Add(SqliteRows.ReadDocument(reader));
        return documents;
    }

    private async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = $"PRAGMA busy_timeout = {(int)_options.BusyTimeout.TotalMilliseconds}; PRAGMA synchronous = NORMAL";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }
}
