using Lucene.Net.Index;
using Lucene.Net.Store;
using Microsoft.Data.Sqlite;

namespace RagSystem.Storage.Sqlite;

/// <summary>Compares the Lucene lexical index's newest commit with the store's chunks, for <c>rag index check</c> and
/// the crash tests: every chunk must be in the index exactly once, and nothing else. Chunks of documents changed after the
/// commit (the index applies them at the next search) are left out of the comparison.</summary>
public static class LuceneLexicalIndexCheck
{
    /// <summary>What the check found: problems (empty when the index agrees with the store) and a one-line summary.</summary>
    public sealed record Result(IReadOnlyList<string> Problems, string Summary);

    /// <summary>Checks the index beside <paramref name="databasePath"/> against the store open on <paramref name="connection"/> (read-only is enough).</summary>
    public static async Task<Result> CheckAsync(SqliteConnection connection, string databasePath, SqliteStoreOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var folder = LuceneLexicalIndex.FolderFor(databasePath);
        if (!System.IO.Directory.Exists(folder)) return new([], $"lexical index: not built yet ({folder}); the next search builds it");
        using var directory = FSDirectory.Open(folder);
        DirectoryReader reader;
        try
        {
            if (!DirectoryReader.IndexExists(directory)) return new([], $"lexical index: not built yet ({folder}); the next search builds it");
            reader = DirectoryReader.Open(directory);
        }
        catch (Exception ex) when (LuceneLexicalIndex.IsDamage(ex))
        {
            return new([$"the lexical index {folder} is damaged ({ex.Message}); the next search rebuilds it from the store"], "lexical index: damaged");
        }
        using (reader)
        {
            await using var tx = connection.BeginTransaction(deferred: true);
            var log = await SqliteLexicalChangeLog.ReadStateAsync(connection, tx, cancellationToken);
            var committed = LuceneCommitState.From(reader.IndexCommit.UserData);
            var analyzer = ColumnRepeats.From(options ?? new SqliteStoreOptions()).AnalyzerId;
            if (LuceneCommitState.RebuildReason(committed, log, analyzer) is { } reason)
            {
                return new([], $"lexical index: the next search rebuilds it from the store ({reason})");
            }
            var pending = new HashSet<string>(await SqliteLexicalChangeLog.ChangedDocumentsAsync(connection, tx, committed!.Seq, log.Head, cancellationToken), StringComparer.Ordinal);
            var indexed = IndexedRowIds(reader, pending);
            var stored = await StoredRowIdsAsync(connection, tx, pending, cancellationToken);
            var problems = new List<string>();
            var missing = stored.Count(r => !indexed.ContainsKey(r));
            var duplicated = indexed.Count(p => p.Value > 1);
            var orphans = indexed.Keys.Count(r => !stored.Contains(r));
            if (missing > 0) problems.Add($"{missing} chunk(s) are missing from the lexical index {folder}");
            if (duplicated > 0) problems.Add($"{duplicated} chunk(s) are in the lexical index {folder} more than once");
            if (orphans > 0) problems.Add($"{orphans} lexical index entr(ies) in {folder} belong to no chunk");
            var summary = pending.Count == 0
                ? $"lexical index: {indexed.Count} chunks, up to date"
                : $"lexical index: {indexed.Count} chunks checked; {pending.Count} changed document(s) are applied at the next search";
            return new(problems, summary);
        }
    }

    private static Dictionary<long, int> IndexedRowIds(DirectoryReader reader, HashSet<string> pending)
    {
        var counts = new Dictionary<long, int>();
        foreach (var leaf in reader.Leaves)
        {
            var atomic = leaf.AtomicReader;
            var rowIds = atomic.GetNumericDocValues(LuceneLexicalIndex.RowIdField);
            var documents = atomic.GetSortedDocValues(LuceneLexicalIndex.DocumentField);
            var live = atomic.LiveDocs;
            if (rowIds is null || documents is null) continue;
            var id = new Lucene.Net.Util.BytesRef();
            for (var doc = 0; doc < atomic.MaxDoc; doc++)
            {
                if (live is not null && !live.Get(doc)) continue;
                documents.Get(doc, id);
                if (pending.Contains(id.Utf8ToString())) continue;
                var rowId = rowIds.Get(doc);
                counts[rowId] = counts.GetValueOrDefault(rowId) + 1;
            }
        }
        return counts;
    }

    private static async Task<HashSet<long>> StoredRowIdsAsync(SqliteConnection connection, SqliteTransaction tx, HashSet<string> pending, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "SELECT rowid, document_id FROM chunks";
        await using var rows = await command.ExecuteReaderAsync(cancellationToken);
        var stored = new HashSet<long>();
        while (await rows.ReadAsync(cancellationToken))
        {
            if (!pending.Contains(rows.GetString(1))) stored.Add(rows.GetInt64(0));
        }
        return stored;
    }
}
