using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RagSystem.Diagnostics;
using RagSystem.Storage.Sqlite;

namespace RagSystem.Storage;

/// <summary>The embedded default store: one SQLite file (WAL mode) holding documents, chunks, an FTS5 index ranked by
/// <c>bm25()</c>, and float32 vectors searched exactly from an in-memory matrix — above
/// <see cref="SqliteStoreOptions.QuantizeAboveChunks"/> vectors the matrix holds int8 codes and only the top candidates are
/// scored exactly, from the float32 blobs. Lexical searches are answered by a Lucene.Net index beside the file, kept in step
/// from a change log (<see cref="SqliteStoreOptions.LexicalEngine"/>), or by FTS5. Safe for one writer and concurrent readers.</summary>
public sealed class SqliteChunkStore : IChunkStore, IDisposable
{
    private readonly string _connectionString;
    private readonly SqliteStoreOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly SemaphoreSlim _indexGate = new(1, 1);
    private readonly Lock _readyLock = new();
    private readonly LuceneLexicalIndex? _lexical;
    private volatile DenseVectorIndex? _index;
    private Task? _ready;
    private long _denseIndexLoads;

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
        if (options.LexicalEngine == SqliteLexicalEngine.Lucene)
        {
            _lexical = new LuceneLexicalIndex(LuceneLexicalIndex.FolderFor(databasePath), options, logger);
        }
    }

    /// <summary>The store file.</summary>
    public string DatabasePath { get; }

    /// <inheritdoc />
    /// <remarks>SQLite runs the lexical and dense sides as two calls; the retriever fuses them.</remarks>
    public StoreCapabilities Capabilities { get; } = new(FusesHybrid: false);

    /// <summary>Creates the store for <paramref name="databasePath"/> without touching the file: the folder, the file and the
    /// schema are created or checked on first use, once, however many callers arrive together. This is how the DI root
    /// creates it, so that building a service provider does no I/O.</summary>
    public static SqliteChunkStore Create(string databasePath, SqliteStoreOptions? options = null, ILogger? logger = null) =>
        new(Path.GetFullPath(databasePath), options ?? new SqliteStoreOptions(), logger ?? NullLogger.Instance);

    /// <summary>Opens the store at <paramref name="databasePath"/>, creating it (and its folder) when absent.</summary>
    /// <exception cref="StoreSchemaException">The file was written by a newer version, or is not a RagSystem store.</exception>
    /// <exception cref="IndexDamagedException">The file is damaged (found by a bounded <c>quick_check</c> at open).</exception>
    public static async Task<SqliteChunkStore> OpenAsync(string databasePath, SqliteStoreOptions? options = null, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        var store = Create(databasePath, options, logger);
        try
        {
            await store.EnsureReadyAsync(cancellationToken);
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
            await SqliteDocumentWriter.UpsertAsync(connection, document, chunks, DatabasePath, cancellationToken);
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
    public Task<IReadOnlyList<ChunkRecord>> GetChunksAsync(string documentId, CancellationToken cancellationToken = default) =>
        GetChunksAsync(documentId, includeVectors: false, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<ChunkRecord>> GetChunksAsync(string documentId, bool includeVectors, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {SqliteRows.ChunkColumnsFor(includeVectors)} FROM chunks c WHERE c.document_id = $id ORDER BY c.ordinal";
        command.Parameters.AddWithValue("$id", documentId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var chunks = new List<ChunkRecord>();
        while (await reader.ReadAsync(cancellationToken)) chunks.Add(SqliteRows.ReadChunk(reader));
        return chunks;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ScoredChunk>> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        if (request.Kind == SearchKind.Hybrid)
        {
            throw new RagException(RagErrorKind.InvalidInput,
                "The SQLite store does not fuse hybrid searches itself (Capabilities.FusesHybrid is false); search each side and fuse with RrfFusion.");
        }
        if (request.Top == 0) return [];
        await using var connection = await OpenConnectionAsync(cancellationToken);
        if (request.Kind == SearchKind.Lexical)
        {
            using var activity = RagTelemetry.Source.StartActivity("store.search.lexical");
            if (_lexical is not null)
            {
                var lexicalHits = await _lexical.SearchAsync(connection, request.Text!, request.Top, request.Filter, cancellationToken);
                return await SqliteDenseSearch.LoadHitsAsync(connection, lexicalHits, cancellationToken, request.IncludeVectors);
            }
            return await SqliteLexicalSearch.SearchAsync(connection, request.Text!, request.Top, request.Filter, _options, cancellationToken, request.IncludeVectors);
        }
        using (RagTelemetry.Source.StartActivity("store.search.dense"))
        {
            // A store without vectors (ingested lexical-only) has nothing to match, whatever the query's model.
            if (await SqliteEmbeddingSpace.ReadAsync(connection, null, cancellationToken) is not { } space) return [];
            if (!space.Accepts(request.EmbeddingModel, request.Vector!.Length))
            {
                throw EmbeddingSpace.Mismatch(space, request.EmbeddingModel, request.Vector.Length, DatabasePath);
            }
            var index = await GetIndexAsync(connection, cancellationToken);
            var allowed = await SqliteDenseSearch.AllowedDocumentsAsync(connection, index, request.Filter, cancellationToken);
            var hits = await SqliteDenseSearch.SearchAsync(connection, index, request.Vector, request.Top, allowed, _options, cancellationToken);
            return await SqliteDenseSearch.LoadHitsAsync(connection, hits, cancellationToken, request.IncludeVectors);
        }
    }

    /// <inheritdoc />
    public async Task<EmbeddingSpace?> GetEmbeddingSpaceAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await SqliteEmbeddingSpace.ReadAsync(connection, null, cancellationToken);
    }

    /// <inheritdoc />
    public async Task EnsureEmbeddingSpaceAsync(EmbeddingSpace space, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(space);
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenConnectionAsync(cancellationToken);
            await using var tx = connection.BeginTransaction(deferred: false);
            await SqliteEmbeddingSpace.EnsureAsync(connection, tx, space, DatabasePath, cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <inheritdoc />
    public async Task RecordFailureAsync(DocumentFailureRecord failure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(failure);
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenConnectionAsync(cancellationToken);
            await SqliteDocumentWriter.RecordFailureAsync(connection, failure, cancellationToken);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DocumentFailureRecord>> ListFailuresAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT document_id, path, content_hash, kind, reason, failed_utc FROM failures ORDER BY path";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var failures = new List<DocumentFailureRecord>();
        while (await reader.ReadAsync(cancellationToken)) failures.Add(SqliteRows.ReadFailure(reader));
        return failures;
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
        _lexical?.Dispose();
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
            // Follow the writes since the last look (append new rows, tombstone replaced ones); rebuild only the first time,
            // when the change log no longer reaches back, or to compact once a quarter of the rows are tombstones.
            if (index is not null && !index.NeedsCompaction && await index.ApplyAsync(connection, cancellationToken))
            {
                _logger.LogDebug("Applied writes to the dense index in {Elapsed} ms ({Count} rows, {Tombstoned} tombstoned)",
                    stopwatch.ElapsedMilliseconds, index.Count, index.Tombstoned);
                return index;
            }
            index = await DenseVectorIndex.LoadAsync(connection, _options.QuantizeAboveRows, cancellationToken);
            _index = index;
            Interlocked.Increment(ref _denseIndexLoads);
            _logger.LogDebug("Loaded {Count} vectors of dimension {Dimension} in {Elapsed} ms", index.Count, index.Dimension, stopwatch.ElapsedMilliseconds);
            return index;
        }
        finally
        {
            _indexGate.Release();
        }
    }

    /// <summary>Brings the Lucene lexical index up to date with the store (building it if needed), so the next lexical
    /// search pays nothing for earlier writes. Does nothing when <see cref="SqliteStoreOptions.LexicalEngine"/> is FTS5.</summary>
    public async Task RefreshLexicalIndexAsync(CancellationToken cancellationToken = default)
    {
        if (_lexical is null) return;
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await _lexical.EnsureCurrentAsync(connection, cancellationToken);
    }

    /// <summary>The Lucene lexical index, or null when the store searches FTS5. For tests and benchmarks.</summary>
    internal LuceneLexicalIndex? LexicalIndex => _lexical;

    /// <summary>How many times this store loaded the whole dense matrix (once at first use; again only to compact or when
    /// it fell behind the change log). For benchmarks and tests.</summary>
    internal long DenseIndexLoads => Interlocked.Read(ref _denseIndexLoads);

    /// <summary>Whether the dense index currently holds int8 codes (see <see cref="SqliteStoreOptions.DenseQuantization"/>). For
    /// benchmarks and tests.</summary>
    internal bool DenseIndexQuantized => _index?.IsQuantized == true;

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
        await EnsureReadyAsync(cancellationToken);
        return await OpenRawConnectionAsync(cancellationToken);
    }

    private Task EnsureReadyAsync(CancellationToken cancellationToken)
    {
        if (_ready is { IsCompletedSuccessfully: true }) return Task.CompletedTask;
        lock (_readyLock)
        {
            // A failed or cancelled attempt is retried by the next caller; the attempt itself is not tied to one caller's
            // token, so one cancelled request cannot fail the others waiting on it.
            if (_ready is null || _ready.IsFaulted || _ready.IsCanceled) _ready = InitializeAsync();
            return _ready.WaitAsync(cancellationToken);
        }
    }

    private async Task InitializeAsync()
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
            await using var connection = await OpenRawConnectionAsync(CancellationToken.None);
            // Damage (a truncated or overwritten file) is found here, bounded in time, before anything reads or writes it.
            await SqliteIntegrityCheck.QuickCheckAsync(connection, DatabasePath);
            await using (var wal = connection.CreateCommand())
            {
                wal.CommandText = "PRAGMA journal_mode = WAL";
                await wal.ExecuteNonQueryAsync();
            }
            await SqliteSchema.EnsureAsync(connection, DatabasePath, _options.FtsTokenizer, CancellationToken.None);
            await SqliteDenseChangeLog.EnsureAsync(connection, CancellationToken.None);
            await SqliteLexicalChangeLog.EnsureAsync(connection, CancellationToken.None);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 26 /* SQLITE_NOTADB */)
        {
            throw new StoreSchemaException($"{DatabasePath} is not a SQLite database; point --data at another folder.", ex);
        }
    }

    private async Task<SqliteConnection> OpenRawConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = $"PRAGMA busy_timeout = {(int)_options.BusyTimeout.TotalMilliseconds}; PRAGMA synchronous = NORMAL";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }
}
