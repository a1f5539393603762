using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace RagSystem.Storage.Sqlite;

/// <summary>All stored vectors of one dimension in one contiguous row-major <c>float[]</c>, scored exactly with
/// <see cref="TensorPrimitives.Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/>. Vectors are unit length, so the dot
/// product is the cosine. Immutable once loaded: a write makes the store load a new one (see <see cref="Generation"/>).</summary>
internal sealed class DenseVectorIndex
{
    private const int RowsPerThreadMinimum = 16_384;

    private readonly float[] _matrix;
    private readonly long[] _rowIds;
    private readonly int[] _documentOrdinals;

    private DenseVectorIndex(long generation, int dimension, int count, float[] matrix, long[] rowIds, int[] documentOrdinals, Dictionary<string, int> documentOrdinalById)
    {
        Generation = generation;
        Dimension = dimension;
        Count = count;
        _matrix = matrix;
        _rowIds = rowIds;
        _documentOrdinals = documentOrdinals;
        DocumentOrdinalById = documentOrdinalById;
    }

    /// <summary>The store's write generation this snapshot reflects.</summary>
    public long Generation { get; }

    /// <summary>Vector length, or 0 when the store holds no vectors.</summary>
    public int Dimension { get; }

    /// <summary>Number of vectors.</summary>
    public int Count { get; }

    /// <summary>Dense ordinals of the documents that own vectors, for filter masks.</summary>
    public Dictionary<string, int> DocumentOrdinalById { get; }

    /// <summary>Reads every vector of the newest chunk's dimension inside one read transaction, streaming the blobs
    /// straight into the matrix.</summary>
    public static async Task<DenseVectorIndex> LoadAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var tx = connection.BeginTransaction(deferred: true);
        var generation = Convert.ToInt64(await ScalarAsync(connection, tx, "SELECT value FROM meta WHERE key = 'generation'", null, cancellationToken));
        var bytes = Convert.ToInt32(await ScalarAsync(connection, tx,
            "SELECT length(vector) FROM chunks WHERE vector IS NOT NULL ORDER BY rowid DESC LIMIT 1", null, cancellationToken) ?? 0);
        if (bytes == 0) return new DenseVectorIndex(generation, 0, 0, [], [], [], []);
        var count = Convert.ToInt32(await ScalarAsync(connection, tx,
            "SELECT count(*) FROM chunks WHERE vector IS NOT NULL AND length(vector) = $b", bytes, cancellationToken));
        var dimension = bytes / sizeof(float);
        var matrix = new float[(long)count * dimension];
        var rowIds = new long[count];
        var documentOrdinals = new int[count];
        var ordinalById = new Dictionary<string, int>(StringComparer.Ordinal);
        var buffer = new byte[bytes];

        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "SELECT rowid, document_id, vector FROM chunks WHERE vector IS NOT NULL AND length(vector) = $b";
        command.Parameters.AddWithValue("$b", bytes);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var row = 0;
        while (row < count && await reader.ReadAsync(cancellationToken))
        {
            rowIds[row] = reader.GetInt64(0);
            var documentId = reader.GetString(1);
            if (!ordinalById.TryGetValue(documentId, out var ordinal))
            {
                ordinal = ordinalById.Count;
                ordinalById.Add(documentId, ordinal);
            }
            documentOrdinals[row] = ordinal;
            reader.GetBytes(2, 0, buffer, 0, bytes);
            CopyRow(buffer, matrix, (long)row * dimension, dimension);
            row++;
        }
        return new DenseVectorIndex(generation, dimension, row, matrix, rowIds, documentOrdinals, ordinalById);
    }

    /// <summary>The <paramref name="top"/> rows most similar to <paramref name="query"/>, best first (ties: lower rowid first).</summary>
    /// <param name="allowedDocuments">Per document ordinal: may its chunks be returned? Null allows all.</param>
    public List<(long RowId, float Score)> Search(float[] query, int top, bool[]? allowedDocuments, int threads)
    {
        // A store without vectors (ingested lexical-only) has nothing to match, whatever the query's dimension.
        if (top <= 0 || Count == 0) return [];
        if (query.Length != Dimension)
        {
            throw new RagException(RagErrorKind.Conflict,
                $"The query vector has {query.Length} dimensions but the stored vectors have {Dimension}; the index was built with another embedding model. Re-ingest with the current model.");
        }
        var partitions = Math.Clamp(Count / RowsPerThreadMinimum, 1, Math.Max(1, threads));
        var partials = new List<(int Index, float Score)>[partitions];
        if (partitions == 1)
        {
            partials[0] = SearchRange(query, 0, Count, top, allowedDocuments);
        }
        else
        {
            Parallel.For(0, partitions, new ParallelOptions { MaxDegreeOfParallelism = partitions }, p =>
            {
                var from = (int)((long)Count * p / partitions);
                var to = (int)((long)Count * (p + 1) / partitions);
                partials[p] = SearchRange(query, from, to, top, allowedDocuments);
            });
        }
        return partials.SelectMany(p => p)
            .OrderByDescending(h => h.Score).ThenBy(h => _rowIds[h.Index])
            .Take(top)
            .Select(h => (_rowIds[h.Index], h.Score))
            .ToList();
    }

    private List<(int Index, float Score)> SearchRange(float[] query, int from, int to, int top, bool[]? allowedDocuments)
    {
        // Min-heap of the best rows so far: the root is the one to evict.
        var heap = new PriorityQueue<int, float>(top + 1);
        var threshold = float.NegativeInfinity;
        var q = query.AsSpan();
        var matrix = _matrix.AsSpan();
        var dimension = Dimension;
        for (var i = from; i < to; i++)
        {
            if (allowedDocuments is not null && !allowedDocuments[_documentOrdinals[i]]) continue;
            var score = TensorPrimitives.Dot(matrix.Slice(i * dimension, dimension), q);
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

    private static void CopyRow(byte[] source, float[] matrix, long offset, int dimension) =>
        MemoryMarshal.Cast<byte, float>(source.AsSpan()).CopyTo(matrix.AsSpan(checked((int)offset), dimension));

    private static async Task<object?> ScalarAsync(SqliteConnection connection, SqliteTransaction tx, string sql, int? bytes, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        if (bytes is not null) command.Parameters.AddWithValue("$b", bytes.Value);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is DBNull ? null : value;
    }
}
