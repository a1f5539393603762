using System.Diagnostics;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using RagSystem.Storage.Lexical;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace RagSystem.Storage.Sqlite;

/// <summary>The SQLite store's lexical index: a Lucene.Net index in a folder beside the database, ranked by BM25 over the
/// terms of <see cref="LexicalAnalyzer"/>, so index and query terms are the ones FTS5 and the Qdrant store use. SQLite stays
/// the source of truth: writes only append to <see cref="SqliteLexicalChangeLog"/> inside their transaction, and a search
/// that finds the index's last commit behind the log first applies the missing documents and commits (Lucene's
/// <c>write.lock</c> lets one process at a time do it; each commit records the last entry applied). A folder that is
/// missing, damaged, built for another store file or by another analysis is rebuilt from SQLite, and logged.</summary>
internal sealed class LuceneLexicalIndex : IDisposable
{
    public const string RowIdField = "rowid";
    public const string DocumentField = "doc";
    public const string TextField = "text";

    /// <summary>BooleanQuery's default clause limit; longer queries keep their first terms.</summary>
    private const int MaxQueryTerms = 1024;

    private readonly SqliteStoreOptions _options;
    private readonly ColumnRepeats _repeats;
    private readonly BM25Similarity _similarity;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private LuceneDirectory? _directory;
    private volatile SearcherManager? _searchers;
    private volatile LuceneCommitState? _current;
    private bool _damaged;
    private long _rebuilds;

    public LuceneLexicalIndex(string folder, SqliteStoreOptions options, ILogger logger)
    {
        Folder = folder;
        _options = options;
        _repeats = ColumnRepeats.From(options);
        if (!(options.LuceneK1 >= 0 && double.IsFinite(options.LuceneK1)) || !(options.LuceneB is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"Store:Sqlite:LuceneK1 must be finite and non-negative and Store:Sqlite:LuceneB between 0 and 1 (given {options.LuceneK1} and {options.LuceneB}).");
        }
        _similarity = new BM25Similarity((float)options.LuceneK1, (float)options.LuceneB);
        _logger = logger;
    }

    /// <summary>The index folder.</summary>
    public string Folder { get; }

    /// <summary>How many times this instance rebuilt the index from SQLite. For tests.</summary>
    public long Rebuilds => Interlocked.Read(ref _rebuilds);

    /// <summary>The lexical index folder of the store at <paramref name="databasePath"/>: <c>rag.db</c> → <c>rag.lucene</c>.</summary>
    public static string FolderFor(string databasePath) =>
        Path.Combine(Path.GetDirectoryName(databasePath)!, Path.GetFileNameWithoutExtension(databasePath) + ".lucene");

    /// <summary>The <paramref name="top"/> chunk rowids that best match <paramref name="text"/> (BM25, higher is better),
    /// restricted to the documents <paramref name="filter"/> admits; ties go to the earlier indexed chunk.</summary>
    public async Task<List<(long RowId, float Score)>> SearchAsync(SqliteConnection connection, string text, int top, SearchFilter? filter, CancellationToken cancellationToken)
    {
        var terms = LexicalAnalyzer.QueryTerms(text, _options.RemoveStopWords);
        if (terms.Count == 0) return [];
        var searchers = await EnsureCurrentAsync(connection, cancellationToken);
        Filter? documents = null;
        if (filter is { IsEmpty: false })
        {
            var allowed = await LuceneDocumentIdFilter.AllowedDocumentsAsync(connection, filter, cancellationToken);
            if (allowed.Count == 0) return [];
            documents = new LuceneDocumentIdFilter(allowed);
        }
        var query = new BooleanQuery(disableCoord: true);
        foreach (var term in terms.Take(MaxQueryTerms)) query.Add(new TermQuery(new Term(TextField, term)), Occur.SHOULD);
        var searcher = searchers.Acquire();
        try
        {
            var found = searcher.Search(query, documents, top);
            var leaves = searcher.IndexReader.Leaves;
            var hits = new List<(long, float)>(found.ScoreDocs.Length);
            foreach (var hit in found.ScoreDocs)
            {
                var leaf = leaves[ReaderUtil.SubIndex(hit.Doc, leaves)];
                var rowIds = leaf.AtomicReader.GetNumericDocValues(RowIdField);
                hits.Add((rowIds.Get(hit.Doc - leaf.DocBase), hit.Score));
            }
            return hits;
        }
        finally
        {
            searchers.Release(searcher);
        }
    }

    /// <summary>Brings the index up to the store's change log (building it when needed) and returns the searchers.</summary>
    public async Task<SearcherManager> EnsureCurrentAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var log = await SqliteLexicalChangeLog.ReadStateAsync(connection, null, cancellationToken);
        if (_searchers is { } ready && IsCurrent(_current, log)) return ready;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // Another process may have applied the same entries and committed meanwhile: look at the newest commit first.
            RefreshSearchers();
            log = await SqliteLexicalChangeLog.ReadStateAsync(connection, null, cancellationToken);
            if (_searchers is { } refreshed && IsCurrent(_current, log)) return refreshed;
            try
            {
                await CatchUpAsync(connection, _damaged, cancellationToken);
            }
            catch (Exception ex) when (IsDamage(ex) && !_damaged)
            {
                _logger.LogWarning(ex, "The lexical index in {Folder} is damaged; rebuilding it from the store", Folder);
                await CatchUpAsync(connection, true, cancellationToken);
            }
            _damaged = false;
            RefreshSearchers();
            return _searchers ?? throw new InvalidOperationException($"The lexical index in {Folder} could not be opened after it was written.");
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Closes the index files.</summary>
    public void Dispose()
    {
        _searchers?.Dispose();
        _directory?.Dispose();
        _gate.Dispose();
    }

    private bool IsCurrent(LuceneCommitState? state, SqliteLexicalChangeLog.State log) =>
        state is not null && state.Seq == log.Head && LuceneCommitState.RebuildReason(state, log, _repeats.AnalyzerId) is null;

    private LuceneDirectory OpenDirectory()
    {
        if (_directory is not null) return _directory;
        System.IO.Directory.CreateDirectory(Folder);
        return _directory = FSDirectory.Open(Folder);
    }

    private void RefreshSearchers()
    {
        try
        {
            if (_searchers is null)
            {
                var directory = OpenDirectory();
                if (!DirectoryReader.IndexExists(directory)) return;
                _searchers = new SearcherManager(directory, new BM25SearcherFactory(_similarity));
            }
            else
            {
                _searchers.MaybeRefreshBlocking();
            }
            var searcher = _searchers.Acquire();
            try
            {
                _current = LuceneCommitState.From(((DirectoryReader)searcher.IndexReader).IndexCommit.UserData);
            }
            finally
            {
                _searchers.Release(searcher);
            }
        }
        catch (Exception ex) when (IsDamage(ex))
        {
            _logger.LogWarning(ex, "The lexical index in {Folder} cannot be read; it will be rebuilt from the store", Folder);
            _damaged = true;
            _current = null;
        }
    }

    private async Task CatchUpAsync(SqliteConnection connection, bool wipe, CancellationToken cancellationToken)
    {
        if (wipe) Wipe();
        var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, new LuceneLexicalAnalyzer())
        {
            Similarity = _similarity,
            OpenMode = wipe ? OpenMode.CREATE : OpenMode.CREATE_OR_APPEND,
            WriteLockTimeout = (long)_options.BusyTimeout.TotalMilliseconds,
            RAMBufferSizeMB = 64,
        };
        IndexWriter writer;
        try
        {
            writer = new IndexWriter(OpenDirectory(), config);
        }
        catch (LockObtainFailedException ex)
        {
            throw new RagException(RagErrorKind.Unavailable,
                $"Another process has held the lexical index {Folder} for {_options.BusyTimeout.TotalSeconds:F0} s while bringing it up to date; try again.", ex);
        }
        using (writer)
        {
            var stopwatch = Stopwatch.StartNew();
            await using var tx = connection.BeginTransaction(deferred: true);
            var log = await SqliteLexicalChangeLog.ReadStateAsync(connection, tx, cancellationToken);
            var committed = LuceneCommitState.From(writer.CommitData);
            var reason = wipe ? "its files were damaged" : LuceneCommitState.RebuildReason(committed, log, _repeats.AnalyzerId);
            if (reason is null && committed!.Seq == log.Head) return;
            if (reason is not null)
            {
                writer.DeleteAll();
                var count = await LuceneChunkDocuments.AddAllAsync(writer, connection, tx, _repeats, cancellationToken);
                writer.SetCommitData(new LuceneCommitState(log.Head, log.StoreUid, _repeats.AnalyzerId).ToUserData());
                writer.Commit();
                Interlocked.Increment(ref _rebuilds);
                _logger.LogInformation("Built the lexical index {Folder} from the store ({Reason}): {Count} chunks in {Elapsed} ms",
                    Folder, reason, count, stopwatch.ElapsedMilliseconds);
                return;
            }
            var documents = await SqliteLexicalChangeLog.ChangedDocumentsAsync(connection, tx, committed!.Seq, log.Head, cancellationToken);
            var added = await LuceneChunkDocuments.ReplaceAsync(writer, connection, tx, documents, _repeats, cancellationToken);
            writer.SetCommitData(new LuceneCommitState(log.Head, log.StoreUid, _repeats.AnalyzerId).ToUserData());
            writer.Commit();
            _logger.LogDebug("Applied {Documents} changed documents ({Chunks} chunks) to the lexical index in {Elapsed} ms",
                documents.Count, added, stopwatch.ElapsedMilliseconds);
        }
    }

    private void Wipe()
    {
        _searchers?.Dispose();
        _searchers = null;
        _current = null;
        _directory?.Dispose();
        _directory = null;
        if (System.IO.Directory.Exists(Folder)) System.IO.Directory.Delete(Folder, recursive: true);
    }

    /// <summary>Errors that mean the index files are unusable (truncated, missing, corrupt, another format), as opposed to
    /// a busy lock or a full disk.</summary>
    internal static bool IsDamage(Exception ex) =>
        ex is CorruptIndexException or IndexFormatTooOldException or IndexFormatTooNewException or EndOfStreamException
            or FileNotFoundException or IndexNotFoundException;

    private sealed class BM25SearcherFactory(Similarity similarity) : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = similarity };
    }
}
