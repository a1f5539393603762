using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RagSystem.Storage.Sqlite;

/// <summary>Scalar int8 quantization with one scale per vector (symmetric: code = round(x ÷ scale), scale = max |x| ÷ 127),
/// and the integer dot product that scans the codes. A per-vector scale needs no state shared between rows, so appended
/// rows are quantized exactly like loaded ones and nothing is ever clamped; it also measured a higher recall than one
/// scale per dimension on clustered unit vectors (docs/performance.md). The query is quantized to int16 (codes up to ±16,383,
/// fewer above 1,032 dimensions), which keeps the query side's rounding error two orders of magnitude below the rows'.</summary>
internal static class Int8VectorCodec
{
    /// <summary>Largest query code. Vectors longer than 1,032 dimensions get a lower limit (see <see cref="QuantizeQuery"/>).</summary>
    private const int QueryCodeLimit = 16_383;

    /// <summary>Writes the codes of <paramref name="vector"/> and returns the scale that turns a code back into a value.</summary>
    public static float Quantize(ReadOnlySpan<float> vector, Span<sbyte> codes)
    {
        var max = MaxAbs(vector);
        if (max == 0f)
        {
            codes[..vector.Length].Clear();
            return 0f;
        }
        var inverse = 127f / max;
        for (var i = 0; i < vector.Length; i++) codes[i] = (sbyte)Math.Clamp(MathF.Round(vector[i] * inverse), -127f, 127f);
        return max / 127f;
    }

    /// <summary>Writes the int16 codes of a query and returns their scale.</summary>
    public static float QuantizeQuery(ReadOnlySpan<float> query, Span<short> codes)
    {
        var max = MaxAbs(query);
        if (max == 0f)
        {
            codes[..query.Length].Clear();
            return 0f;
        }
        // Every partial sum of the kernel is bounded by Σ |row_i| |query_i| ≤ 127 × limit × length, which must fit an int32:
        // ±16,383 up to 1,032 dimensions, then less (±4,128 at 4,096 dimensions).
        var limit = Math.Min(QueryCodeLimit, int.MaxValue / (127 * query.Length));
        var inverse = limit / max;
        for (var i = 0; i < query.Length; i++) codes[i] = (short)Math.Clamp(MathF.Round(query[i] * inverse), -limit, limit);
        return max / limit;
    }

    /// <summary>Σ row[i] · query[i] in integers; the approximate cosine is this times the row's and the query's scales.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Dot(ReadOnlySpan<sbyte> row, ReadOnlySpan<short> query) =>
        Avx2.IsSupported ? DotAvx2(row, query) : DotScalar(row, query);

    internal static int DotScalar(ReadOnlySpan<sbyte> row, ReadOnlySpan<short> query)
    {
        var sum = 0;
        for (var i = 0; i < row.Length; i++) sum += row[i] * query[i];
        return sum;
    }

    internal static int DotAvx2(ReadOnlySpan<sbyte> row, ReadOnlySpan<short> query)
    {
        ref var r = ref MemoryMarshal.GetReference(row);
        ref var q = ref MemoryMarshal.GetReference(query);
        var n = row.Length;
        var acc0 = Vector256<int>.Zero;
        var acc1 = Vector256<int>.Zero;
        var i = 0;
        // Widen 16 codes to int16 (vpmovsxbw), multiply by 16 query codes and add pairs into 8 int32 lanes (vpmaddwd).
        for (; i + 32 <= n; i += 32)
        {
            var lo = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref r, (nuint)i));
            var hi = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref r, (nuint)(i + 16)));
            acc0 = Avx2.Add(acc0, Avx2.MultiplyAddAdjacent(lo, Vector256.LoadUnsafe(ref q, (nuint)i)));
            acc1 = Avx2.Add(acc1, Avx2.MultiplyAddAdjacent(hi, Vector256.LoadUnsafe(ref q, (nuint)(i + 16))));
        }
        if (i + 16 <= n)
        {
            var lo = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref r, (nuint)i));
            acc0 = Avx2.Add(acc0, Avx2.MultiplyAddAdjacent(lo, Vector256.LoadUnsafe(ref q, (nuint)i)));
            i += 16;
        }
        var sum = Vector256.Sum(Avx2.Add(acc0, acc1));
        for (; i < n; i++) sum += Unsafe.Add(ref r, i) * Unsafe.Add(ref q, i);
        return sum;
    }

    private static float MaxAbs(ReadOnlySpan<float> vector) =>
        vector.IsEmpty ? 0f : System.Numerics.Tensors.TensorPrimitives.MaxMagnitude(vector) is var m ? MathF.Abs(m) : 0f;
}
