using System.Numerics.Tensors;
using RagSystem.Storage.Sqlite;
using RagSystem.Testing;

namespace RagSystem.Benchmarks;

/// <summary>Recall@10 of int8 candidates with one scale per vector (what the store uses) against one scale per dimension,
/// in memory, before and after re-scoring the top 10 × oversampling in float32. Per-dimension scales are computed on the
/// first half of the rows, as they would be when an index is first built, and the later half is clamped to them, as
/// appended rows would be.</summary>
internal static class Int8ScalingComparison
{
    public static void Run(int rows, int queryCount, int oversampling)
    {
        Console.WriteLine();
        Console.WriteLine($"| int8 scaling, {rows:N0} clustered 384-d vectors, {queryCount} queries | recall@10 int8 only | recall@10 re-scoring top {10 * oversampling} | rows clamped |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var anisotropy in new[] { 1f, 4f })
        {
            var source = new ClusteredVectors(384, rows / 1_000, 1.0f, seed: 77, anisotropy);
            var data = Enumerable.Range(0, rows).Select(_ => source.Next()).ToArray();
            var queries = Enumerable.Range(0, queryCount).Select(_ => source.Next()).ToArray();
            var exact = queries.AsParallel().AsOrdered().Select(q => Top(rows, 10, i => TensorPrimitives.Dot(data[i], q))).ToArray();

            var perVector = data.Select(v => { var c = new sbyte[384]; return (Codes: c, Scale: Int8VectorCodec.Quantize(v, c)); }).ToArray();
            var perVectorScore = (float[] q) =>
            {
                var qc = new short[384];
                var qs = Int8VectorCodec.QuantizeQuery(q, qc);
                return (Func<int, float>)(i => Int8VectorCodec.Dot(perVector[i].Codes, qc) * perVector[i].Scale * qs);
            };

            var dimensionScales = new float[384];
            for (var i = 0; i < rows / 2; i++)
                for (var d = 0; d < 384; d++) dimensionScales[d] = Math.Max(dimensionScales[d], MathF.Abs(data[i][d]) / 127f);
            var clamped = 0;
            var perDimension = data.Select(v =>
            {
                var c = new sbyte[384];
                var outside = false;
                for (var d = 0; d < 384; d++)
                {
                    var code = MathF.Round(v[d] / dimensionScales[d]);
                    outside |= MathF.Abs(code) > 127;
                    c[d] = (sbyte)Math.Clamp(code, -127, 127);
                }
                if (outside) clamped++;
                return c;
            }).ToArray();
            var perDimensionScore = (float[] q) =>
            {
                // Folding the scales into the query keeps the same integer kernel: Σ q_d (s_d c_d) = Σ (q_d s_d) c_d.
                var folded = new float[384];
                for (var d = 0; d < 384; d++) folded[d] = q[d] * dimensionScales[d];
                var qc = new short[384];
                var qs = Int8VectorCodec.QuantizeQuery(folded, qc);
                return (Func<int, float>)(i => Int8VectorCodec.Dot(perDimension[i], qc) * qs);
            };

            foreach (var (name, scorer, clampedRows) in new[] { ("per vector", perVectorScore, 0), ("per dimension", perDimensionScore, clamped) })
            {
                var (raw, rescored) = Recall(data, queries, exact, scorer, oversampling);
                Console.WriteLine($"| {name}, anisotropy {anisotropy} | {raw:F4} | {rescored:F4} | {clampedRows:N0} of {rows - rows / 2:N0} |");
            }
        }
    }

    private static (double Raw, double Rescored) Recall(float[][] data, float[][] queries, int[][] exact, Func<float[], Func<int, float>> scorer, int oversampling)
    {
        var results = queries.AsParallel().AsOrdered().Select((q, n) =>
        {
            var score = scorer(q);
            var candidates = Top(data.Length, 10 * oversampling, score);
            var raw = candidates.Take(10).Count(exact[n].Contains);
            var rescored = candidates.OrderByDescending(i => TensorPrimitives.Dot(data[i], q)).Take(10).Count(exact[n].Contains);
            return (raw, rescored);
        }).ToArray();
        return (results.Sum(r => r.raw) / (10.0 * queries.Length), results.Sum(r => r.rescored) / (10.0 * queries.Length));
    }

    private static int[] Top(int rows, int top, Func<int, float> score)
    {
        var heap = new PriorityQueue<int, float>(top + 1);
        for (var i = 0; i < rows; i++)
        {
            var s = score(i);
            if (heap.Count < top) heap.Enqueue(i, s);
            else if (heap.TryPeek(out _, out var min) && s > min) heap.DequeueEnqueue(i, s);
        }
        var result = new int[heap.Count];
        for (var i = result.Length - 1; i >= 0; i--) result[i] = heap.Dequeue();
        return result;
    }
}
