using System.Collections.Concurrent;
using System.Numerics.Tensors;
using Microsoft.Data.Sqlite;

namespace RagSystem.Storage.Sqlite;

/// <summary>All stored vectors of one dimension in blocks of contiguous row-major <c>float</c>s, scored exactly with
/// <see cref="TensorPrimitives.Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/> (vectors are unit length, so the dot product is
/// the cosine). It follows writes incrementally from <see cref="SqliteDenseChangeLog"/>: added rows are appended, removed
/// ones tombstoned, and the store rebuilds it only when tombstones pass <see cref="CompactionRatio"/> of the rows or the
/// log was trimmed past it. Searches read a published <see cref="Rows"/> snapshot without locks; only the store's index
/// gate may call <see cref="ApplyAsync"/>.</summary>
internal sealed class DenseVectorIndex
{
    /// <summary>Rows per block and per search partition.</summary>
    internal const int BlockRows = 16_384;

    /// <summary>Share of tombstoned rows above which the store rebuilds the index (compaction).</summary>
    public const double CompactionRatio = 0.25;

    private readonly Dictionary<long, int> _rowByRowId = [];
    private volatile Rows _rows;

    private DenseVectorIndex(int dimension, long generation, long changeSeq)
    {
        Dimension = dimension;
        Generation = generation;
        ChangeSeq = changeSeq;
        _rows = new Rows([], [], [], [], 0);
    }

    /// <summary>One published state: rows below <see cref="Count"/> are complete; arrays may be longer (capacity).</summary>
    internal sealed record Rows(float[][] Blocks, long[] RowIds, int[] DocumentOrdinals, bool[] Tombstones, int Count);

    /// <summary>The store's write generation this index reflects.</summary>
    public long Generation { get; private set; }

    /// <summary>The last change-log entry applied.</summary>
    public long ChangeSeq { get; private set; }

    /// <summary>Vector length, or 0 while the index holds no vectors.</summary>
    public int Dimension { get; private set; }

    /// <summary>Rows, tombstoned ones included.</summary>
    public int Count => _rows.Count;

    /// <summary>Tombstoned rows.</summary>
    public int Tombstoned { get; private set; }

    /// <summary>Whether the store should rebuild the index to reclaim tombstoned rows.</summary>
    public bool NeedsCompaction => Tombstoned > 1024 && Tombstoned > Count * CompactionRatio;

    /// <summary>Dense ordinals of the documents that own vectors, for filter masks. Only grows; safe to read during appends.</summary>
    public ConcurrentDictionary<string, int> DocumentOrdinalById { get; } = new(StringComparer.Ordinal);

    /// <summary>Reads every vector of the store's dimension inside one read transaction, streaming the blobs into the blocks.</summary>
    public static async Task<DenseVectorIndex> LoadAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var tx = connection.BeginTransaction(deferred: true);
        var generation = await SqliteDenseSearch.GenerationAsync(connection, tx, cancellationToken);
        var head = await SqliteDenseChangeLog.HeadAsync(connection, tx, cancellationToken);
        var space = await SqliteEmbeddingSpace.ReadAsync(connection, tx, cancellationToken);
        var index = new DenseVectorIndex(space?.Dimensions ?? 0, generation, head);
        if (space is null) return index;
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "SELECT rowid, document_id, vector FROM chunks WHERE vector IS NOT NULL AND length(vector) = $b";
        command.Parameters.AddWithValue("$b", space.Dimensions * sizeof(float));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await index.AppendAsync(reader, cancellationToken);
        return index;
    }

    /// <summary>Brings the index up to the store's current generation from the change log. Returns false when the log no
    /// longer reaches back to this index (the caller reloads).</summary>
    public async Task<bool> ApplyAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var tx = connection.BeginTransaction(deferred: true);
        var generation = await SqliteDenseSearch.GenerationAsync(connection, tx, cancellationToken);
        var changes = await SqliteDenseChangeLog.ReadAsync(connection, tx, ChangeSeq, cancellationToken);
        if (changes is null) return false;
        if (Dimension == 0 && changes.Any(c => c.Added))
        {
            // The first vectors of a store that had none: loading them is the whole index anyway.
            return false;
        }
        var finalAdded = new HashSet<long>();
        foreach (var (_, rowId, added) in changes)
        {
            // Rowids can be reused after a delete, so every entry retires the row it names; the last addition wins.
            if (_rowByRowId.Remove(rowId, out var row))
            {
                _rows.Tombstones[row] = true;
                Tombstoned++;
            }
            if (added) finalAdded.Add(rowId);
            else finalAdded.Remove(rowId);
        }
        foreach (var batch in finalAdded.Order().Chunk(500))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = tx;
            var names = batch.Select((id, i) => { command.Parameters.AddWithValue("$r" + i, id); return "$r" + i; });
            command.CommandText = $"SELECT rowid, document_id, vector FROM chunks WHERE rowid IN ({string.Join(", ", names)}) AND length(vector) = $b";
            command.Parameters.AddWithValue("$b", Dimension * sizeof(float));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await AppendAsync(reader, cancellationToken);
        }
        Generation = generation;
        if (changes.Count > 0) ChangeSeq = changes[^1].Seq;
        return true;
    }

    private async Task AppendAsync(SqliteDataReader reader, CancellationToken cancellationToken)
    {
        var rows = _rows;
        var blocks = rows.Blocks.ToList();
        long[] rowIds = rows.RowIds;
        int[] ordinals = rows.DocumentOrdinals;
        bool[] tombstones = rows.Tombstones;
        var count = rows.Count;
        var bytes = Dimension * sizeof(float);
        var buffer = new byte[bytes];
        while (await reader.ReadAsync(cancellationToken))
        {
            if (count == rowIds.Length)
            {
                // Grow by half: the old arrays stay valid for searches still reading the previous snapshot.
                var capacity = Math.Max(BlockRows, rowIds.Length + rowIds.Length / 2);
                Array.Resize(ref rowIds, capacity);
                Array.Resize(ref ordinals, capacity);
                Array.Resize(ref tombstones, capacity);
            }
            if (count == blocks.Count * BlockRows) blocks.Add(new float[BlockRows * Dimension]);
            var rowId = reader.GetInt64(0);
            rowIds[count] = rowId;
            ordinals[count] = DocumentOrdinalById.GetOrAdd(reader.GetString(1), _ => DocumentOrdinalById.Count);
            reader.GetBytes(2, 0, buffer, 0, bytes);
            System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(buffer.AsSpan())
                .CopyTo(blocks[count / BlockRows].AsSpan(count % BlockRows * Dimension, Dimension));
            _rowByRowId[rowId] = count;
            count++;
        }
        _rows = new Rows([.. blocks], rowIds, ordinals, tombstones, count);
    }

    /// <summary>The <paramref name="top"/> live rows most similar to <paramref name="query"/>, best first (ties: lower rowid first).</summary>
    /// <param name="allowedDocuments">Per document ordinal: may its chunks be returned? Null allows all.</param>
    public List<(long RowId, float Score)> Search(float[] query, int top, bool[]? allowedDocuments, int threads)
    {
        var rows = _rows;
        if (top <= 0 || rows.Count == 0) return [];
        if (query.Length != Dimension)
        {
            throw new RagException(RagErrorKind.Conflict,
                $"The query vector has {query.Length} dimensions but the stored vectors have {Dimension}; the index was built with another embedding model. Re-ingest with the current model.");
        }
        var blocks = (rows.Count + BlockRows - 1) / BlockRows;
        var partials = new List<(int Index, float Score)>[blocks];
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) },
            b => partials[b] = SearchBlock(rows, b, query, top, allowedDocuments));
        return partials.SelectMany(p => p)
            .OrderByDescending(h => h.Score).ThenBy(h => rows.RowIds[h.Index])
            .Take(top)
            .Select(h => (rows.RowIds[h.Index], h.Score))
            .ToList();
    }

    private List<(int Index, float Score)> SearchBlock(Rows rows, int block, float[] query, int top, bool[]? allowedDocuments)
    {
        // Min-heap of the best rows so far: the root is the one to evict.
        var heap = new PriorityQueue<int, float>(top + 1);
        var threshold = float.NegativeInfinity;
        var q = query.AsSpan();
        var matrix = rows.Blocks[block].AsSpan();
        var dimension = Dimension;
        var from = block * BlockRows;
        var to = Math.Min(rows.Count, from + BlockRows);
        for (var i = from; i < to; i++)
        {
            if (rows.Tombstones[i]) continue;
            if (allowedDocuments is not null)
            {
                var ordinal = rows.DocumentOrdinals[i];
                if (ordinal >= allowedDocuments.Length || !allowedDocuments[ordinal]) continue;
            }
            var score = TensorPrimitives.Dot(matrix.Slice((i - from) * dimension, dimension), q);
            if (heap.Count < top)
            {
                heap.Enqueue(i, score);
                if (heap.Count == top) heap.TryPeek(out _, out threshold);
            }
            else if (score > threshold)
            {
                heap.DequeueEnqueue(i, score);
                heap.TryPeek(out _, out threshold);
            }
        }
        var result = new List<(int, float)>(heap.Count);
        while (heap.TryDequeue(out var index, out var score)) result.Add((index, score));
        return result;
    }
}
