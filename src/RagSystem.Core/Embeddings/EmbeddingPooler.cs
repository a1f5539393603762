using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace RagSystem.Embeddings;

/// <summary>Turns an encoder's token vectors (float32 or float16, [batch, seq, dim], right-padded) into sentence vectors.</summary>
internal static class EmbeddingPooler
{
    /// <summary>Pools the first <paramref name="length"/> token vectors of one row into <paramref name="destination"/>.</summary>
    /// <param name="tokens">The row's [seq, dim] token vectors.</param>
    public static void Pool(ReadOnlySpan<float> tokens, int length, EmbeddingPooling pooling, Span<float> destination)
    {
        var dim = destination.Length;
        tokens[..dim].CopyTo(destination);
        if (pooling == EmbeddingPooling.Cls) return;
        for (var t = 1; t < length; t++) TensorPrimitives.Add(destination, tokens.Slice(t * dim, dim), destination);
        TensorPrimitives.Multiply(destination, 1f / length, destination);
    }

    /// <summary>Float16 variant: converts only the rows that are used.</summary>
    public static void Pool(ReadOnlySpan<Half> tokens, int length, EmbeddingPooling pooling, Span<float> destination, Span<float> scratch)
    {
        var dim = destination.Length;
        var used = pooling == EmbeddingPooling.Cls ? 1 : length;
        TensorPrimitives.ConvertToSingle(tokens[..(used * dim)], scratch[..(used * dim)]);
        Pool(scratch[..(used * dim)], used, pooling, destination);
    }

    /// <summary>Scales <paramref name="vector"/> to unit length (a zero vector stays zero).</summary>
    public static void Normalize(Span<float> vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0) TensorPrimitives.Divide(vector, norm, vector);
    }

    /// <summary>Reinterprets ONNX Runtime's float16 struct as <see cref="Half"/> (same IEEE bits).</summary>
    public static ReadOnlySpan<Half> AsHalf(ReadOnlySpan<Microsoft.ML.OnnxRuntime.Float16> values) =>
        MemoryMarshal.Cast<Microsoft.ML.OnnxRuntime.Float16, Half>(values);
}
