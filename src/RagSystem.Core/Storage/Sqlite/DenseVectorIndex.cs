using System.Collections.Concurrent;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace RagSystem.Storage.Sqlite;

/// <summary>All stored vectors of one dimension in blocks of contiguous row-major <c>float</c>s, scored exactly with
/// <see cref="TensorPrimitives.Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/> (vectors are unit length, so the dot product is
/// the cosine) — or, above a size threshold, as int8 codes with one scale per row (<see cref="Int8VectorCodec"/>), a quarter
/// of the memory, whose approximate top candidates the caller re-scores exactly from the float32 blobs. It follows writes incrementally from <see cref="SqliteDenseChangeLog"/>: added rows are appended, removed
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

    private readonly int _quantizeAboveRows;

    private DenseVectorIndex(int dimension, long generation, long changeSeq, int quantizeAboveRows)
    {
        Dimension = dimension;
        Generation = generation;
        ChangeSeq = changeSeq;
        _quantizeAboveRows = quantizeAboveRows;
        _rows = new Rows([], [], [], [], [], [], 0, Quantized: false);
    }

    /// <summary>One published state: rows below <see cref="Count"/> are complete; arrays may be longer (capacity). Either
    /// <see cref="Blocks"/> (float32) or <see cref="CodeBlocks"/> and <see cref="Scales"/> (int8, one scale per row) hold
    /// the vectors, as <see cref="Quantized"/> says.</summary>
    internal sealed record Rows(float[][] Blocks, sbyte[][] CodeBlocks, float[] Scales, long[] RowIds, int[] DocumentOrdinals, bool[] Tombstones,
        int Count, bool Quantized);

    /// <summary>Whether the rows are held as int8 codes (searches return approximate scores to re-score), not float32.</summary>
    public bool IsQuantized => _rows.Quantized;

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
    public static Task<DenseVectorIndex> LoadAsync(SqliteConnection connection, CancellationToken cancellationToken) =>
        LoadAsync(connection, int.MaxValue, cancellationToken);

    /// <summary>As <see cref="LoadAsync(SqliteConnection, CancellationToken)"/>; once the index holds more than
    /// <paramref name="quantizeAboveRows"/> rows (0: from the first) it quantizes them to int8 and keeps appending codes.</summary>
    public static async Task<DenseVectorIndex> LoadAsync(SqliteConnection connection, int quantizeAboveRows, CancellationToken cancellationToken)
    {
        await using var tx = connection.BeginTransaction(deferred: true);
        var generation = await SqliteDenseSearch.GenerationAsync(connection, tx, cancellationToken);
        var head = await SqliteDenseChangeLog.HeadAsync(connection, tx, cancellationToken);
        var space = await SqliteEmbeddingSpace.ReadAsync(connection, tx, cancellationToken);
        var index = new DenseVectorIndex(space?.Dimensions ?? 0, generation, head, quantizeAboveRows);
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
        var codeBlocks = rows.CodeBlocks.ToList();
        var quantized = rows.Quantized;
        float[] scales = rows.Scales;
        long[] rowIds = rows.RowIds;
        int[] ordinals = rows.DocumentOrdinals;
        bool[] tombstones = rows.Tombstones;
        var count = rows.Count;
        var bytes = Dimension * sizeof(float);
        var buffer = new byte[bytes];
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!quantized && count >= _quantizeAboveRows)
            {
                // Crossing the size threshold: quantize the rows held so far, then keep appending codes. Searches still
                // reading the previous snapshot keep its float blocks until they finish.
                (codeBlocks, scales) = QuantizeBlocks(blocks, count, rowIds.Length);
                blocks.Clear();
                quantized = true;
            }
            if (count == rowIds.Length)
            {
                // Grow by half: the old arrays stay valid for searches still reading the previous snapshot.
                var capacity = Math.Max(BlockRows, rowIds.Length + rowIds.Length / 2);
                Array.Resize(ref rowIds, capacity);
                Array.Resize(ref ordinals, capacity);
                Array.Resize(ref tombstones, capacity);
                if (quantized) Array.Resize(ref scales, capacity);
            }
            var rowId = reader.GetInt64(0);
            rowIds[count] = rowId;
            ordinals[count] = DocumentOrdinalById.GetOrAdd(reader.GetString(1), _ => DocumentOrdinalById.Count);
            reader.GetBytes(2, 0, buffer, 0, bytes);
            var vector = MemoryMarshal.Cast<byte, float>(buffer.AsSpan());
            if (quantized)
            {
                if (count == codeBlocks.Count * BlockRows) codeBlocks.Add(new sbyte[BlockRows * Dimension]);
                scales[count] = Int8VectorCodec.Quantize(vector, codeBlocks[count / BlockRows].AsSpan(count % BlockRows * Dimension, Dimension));
            }
            else
            {
                if (count == blocks.Count * BlockRows) blocks.Add(new float[BlockRows * Dimension]);
                vector.CopyTo(blocks[count / BlockRows].AsSpan(count % BlockRows * Dimension, Dimension));
            }
            _rowByRowId[rowId] = count;
            count++;
        }
        _rows = new Rows([.. blocks], [.. codeBlocks], scales, rowIds, ordinals, tombstones, count, quantized);
    }

    private (List<sbyte[]> CodeBlocks, float[] Scales) QuantizeBlocks(List<float[]> blocks, int count, int capacity)
    {
        var codeBlocks = new List<sbyte[]>(blocks.Count);
        var scales = new float[capacity];
        for (var b = 0; b < blocks.Count; b++)
        {
            var codes = new sbyte[BlockRows * Dimension];
            for (var r = 0; r < BlockRows && b * BlockRows + r < count; r++)
            {
                scales[b * BlockRows + r] = Int8VectorCodec.Quantize(blocks[b].AsSpan(r * Dimension, Dimension), codes.AsSpan(r * Dimension, Dimension));
            }
            codeBlocks.Add(codes);
        }
        return (codeBlocks, scales);
    }

    /// <summary>The <paramref name="top"/> live rows most similar to <paramref name="query"/>, best first (ties: lower rowid
    /// first). Exact cosines from float32 rows; when <see cref="IsQuantized"/>, approximate ones from the int8 codes, for
    /// the caller to re-score.</summary>
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
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) };
        if (rows.Quantized)
        {
            var queryCodes = new short[Dimension];
            var queryScale = Int8VectorCodec.QuantizeQuery(query, queryCodes);
            Parallel.For(0, blocks, options, b => partials[b] = DenseBlockScan.Int8(rows, b, Dimension, queryCodes, queryScale, top, allowedDocuments));
        }
        else
        {
            Parallel.For(0, blocks, options, b => partials[b] = DenseBlockScan.Float32(rows, b, Dimension, query, top, allowedDocuments));
        }
        return partials.SelectMany(p => p)
            .OrderByDescending(h => h.Score).ThenBy(h => rows.RowIds[h.Index])
            .Take(top)
            .Select(h => (rows.RowIds[h.Index], h.Score))
            .ToList();
    }
}
