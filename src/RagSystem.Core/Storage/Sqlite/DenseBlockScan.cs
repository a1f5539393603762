using System.Numerics.Tensors;

namespace RagSystem.Storage.Sqlite;

/// <summary>Scores one block of a <see cref="DenseVectorIndex"/> and keeps its best rows in a bounded min-heap: float32 rows
/// exactly, int8 rows approximately (the caller re-scores those candidates from the float32 blobs).</summary>
internal static class DenseBlockScan
{
    public static List<(int Index, float Score)> Float32(DenseVectorIndex.Rows rows, int block, int dimension, float[] query, int top, bool[]? allowedDocuments)
    {
        var heap = new PriorityQueue<int, float>(top + 1);
        var threshold = float.NegativeInfinity;
        var q = query.AsSpan();
        var matrix = rows.Blocks[block].AsSpan();
        var from = block * DenseVectorIndex.BlockRows;
        var to = Math.Min(rows.Count, from + DenseVectorIndex.BlockRows);
        for (var i = from; i < to; i++)
        {
            if (!Admits(rows, i, allowedDocuments)) continue;
            var score = TensorPrimitives.Dot(matrix.Slice((i - from) * dimension, dimension), q);
            Offer(heap, top, i, score, ref threshold);
        }
        return Drain(heap);
    }

    public static List<(int Index, float Score)> Int8(DenseVectorIndex.Rows rows, int block, int dimension, short[] queryCodes, float queryScale, int top, bool[]? allowedDocuments)
    {
        var heap = new PriorityQueue<int, float>(top + 1);
        var threshold = float.NegativeInfinity;
        var q = queryCodes.AsSpan();
        var codes = rows.CodeBlocks[block].AsSpan();
        var scales = rows.Scales;
        var from = block * DenseVectorIndex.BlockRows;
        var to = Math.Min(rows.Count, from + DenseVectorIndex.BlockRows);
        for (var i = from; i < to; i++)
        {
            if (!Admits(rows, i, allowedDocuments)) continue;
            var score = Int8VectorCodec.Dot(codes.Slice((i - from) * dimension, dimension), q) * scales[i] * queryScale;
            Offer(heap, top, i, score, ref threshold);
        }
        return Drain(heap);
    }

    private static bool Admits(DenseVectorIndex.Rows rows, int i, bool[]? allowedDocuments)
    {
        if (rows.Tombstones[i]) return false;
        if (allowedDocuments is null) return true;
        var ordinal = rows.DocumentOrdinals[i];
        return ordinal < allowedDocuments.Length && allowedDocuments[ordinal];
    }

    private static void Offer(PriorityQueue<int, float> heap, int top, int index, float score, ref float threshold)
    {
        // Min-heap of the best rows so far: the root is the one to evict.
        if (heap.Count < top)
        {
            heap.Enqueue(index, score);
            if (heap.Count == top) heap.TryPeek(out _, out threshold);
        }
        else if (score > threshold)
        {
            heap.DequeueEnqueue(index, score);
            heap.TryPeek(out _, out threshold);
        }
    }

    private static List<(int Index, float Score)> Drain(PriorityQueue<int, float> heap)
    {
        var result = new List<(int, float)>(heap.Count);
        while (heap.TryDequeue(out var index, out var score)) result.Add((index, score));
        return result;
    }
}
