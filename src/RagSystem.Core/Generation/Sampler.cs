using System.Numerics.Tensors;

namespace RagSystem.Generation;

/// <summary>Picks the next token from logits: greedy (arg-max) when the temperature is 0 or top-k is 1, otherwise
/// temperature + top-k + top-p (nucleus) sampling from a seeded generator, so a seed reproduces a reply.
/// Scratch buffers are allocated once per sampler; one sampler per generation.</summary>
public sealed class Sampler
{
    private readonly float _temperature;
    private readonly int _topK;
    private readonly float _topP;
    private readonly Random? _random;
    private int[]? _indices;
    private float[]? _weights;

    /// <summary>Creates a sampler.</summary>
    /// <param name="temperature">0 or less: greedy.</param>
    /// <param name="topK">0: no cut; 1: greedy.</param>
    /// <param name="topP">1: no cut.</param>
    /// <param name="seed">Seed for reproducible sampling; null: unpredictable.</param>
    public Sampler(float temperature, int topK = 0, float topP = 1f, int? seed = null)
    {
        if (topP is <= 0f or > 1f) throw new ArgumentOutOfRangeException(nameof(topP), topP, "top-p must be in (0, 1].");
        ArgumentOutOfRangeException.ThrowIfNegative(topK);
        _temperature = temperature;
        _topK = topK;
        _topP = topP;
        IsGreedy = temperature <= 0f || topK == 1;
        if (!IsGreedy) _random = seed is { } s ? new Random(s) : new Random();
    }

    /// <summary>True when every pick is the arg-max.</summary>
    public bool IsGreedy { get; }

    /// <summary>Picks a token id.</summary>
    public int Next(ReadOnlySpan<float> logits)
    {
        if (IsGreedy) return TensorPrimitives.IndexOfMax(logits);
        _indices ??= new int[logits.Length];
        _weights ??= new float[logits.Length];

        var count = _topK > 0 && _topK < logits.Length ? SelectTopK(logits) : SelectAll(logits);
        var indices = _indices.AsSpan(0, count);
        var weights = _weights.AsSpan(0, count);

        // Softmax at the temperature, shifted by the max for stability.
        var max = TensorPrimitives.Max(weights);
        TensorPrimitives.Subtract(weights, max, weights);
        TensorPrimitives.Divide(weights, _temperature, weights);
        TensorPrimitives.Exp(weights, weights);
        var total = TensorPrimitives.Sum(weights);

        if (_topP < 1f)
        {
            // Most likely first; keep the shortest prefix whose mass reaches top-p.
            weights.Sort(indices, static (a, b) => b.CompareTo(a));
            var target = _topP * total;
            var kept = 0f;
            var n = 0;
            while (n < count && kept < target) kept += weights[n++];
            count = n;
            total = kept;
        }

        var draw = (float)(_random!.NextDouble() * total);
        for (var i = 0; i < count; i++)
        {
            draw -= _weights[i];
            if (draw < 0f) return _indices[i];
        }
        return _indices[count - 1]; // rounding left a sliver of mass at the end
    }

    private int SelectAll(ReadOnlySpan<float> logits)
    {
        for (var i = 0; i < logits.Length; i++) _indices![i] = i;
        logits.CopyTo(_weights);
        return logits.Length;
    }

    // A min-heap of the K largest logits: O(V log K), no full sort of the vocabulary.
    private int SelectTopK(ReadOnlySpan<float> logits)
    {
        var k = _topK;
        var heapIdx = _indices!;
        var heapVal = _weights!;
        for (var i = 0; i < k; i++)
        {
            heapIdx[i] = i;
            heapVal[i] = logits[i];
            SiftUp(heapIdx, heapVal, i);
        }
        for (var i = k; i < logits.Length; i++)
        {
            if (logits[i] <= heapVal[0]) continue;
            heapIdx[0] = i;
            heapVal[0] = logits[i];
            SiftDown(heapIdx, heapVal, k);
        }
        return k;
    }

    private static void SiftUp(int[] idx, float[] val, int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (val[parent] <= val[i]) break;
            (val[parent], val[i]) = (val[i], val[parent]);
            (idx[parent], idx[i]) = (idx[i], idx[parent]);
            i = parent;
        }
    }

    private static void SiftDown(int[] idx, float[] val, int count)
    {
        var i = 0;
        while (true)
        {
            var smallest = i;
            var l = 2 * i + 1;
            var r = l + 1;
            if (l < count && val[l] < val[smallest]) smallest = l;
            if (r < count && val[r] < val[smallest]) smallest = r;
            if (smallest == i) return;
            (val[smallest], val[i]) = (val[i], val[smallest]);
            (idx[smallest], idx[i]) = (idx[i], idx[smallest]);
            i = smallest;
        }
    }
}
