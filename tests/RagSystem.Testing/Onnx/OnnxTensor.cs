using System.Runtime.InteropServices;

namespace RagSystem.Testing.Onnx;

/// <summary>A named constant tensor (an initializer or a tensor attribute), stored as little-endian raw bytes.</summary>
public sealed class OnnxTensor
{
    private OnnxTensor(string name, OnnxDataType dataType, long[] dims, byte[] rawData)
    {
        var count = dims.Aggregate(1L, (a, d) => a * d);
        var elementSize = dataType switch
        {
            OnnxDataType.Float or OnnxDataType.Int32 => 4,
            OnnxDataType.Int64 => 8,
            OnnxDataType.Float16 => 2,
            OnnxDataType.Bool => 1,
            _ => throw new ArgumentOutOfRangeException(nameof(dataType), dataType, "unsupported tensor type"),
        };
        if (count * elementSize != rawData.Length)
        {
            throw new ArgumentException($"tensor '{name}' has shape [{string.Join(',', dims)}] ({count} elements) but {rawData.Length / elementSize} values");
        }
        (Name, DataType, Dims, RawData) = (name, dataType, dims, rawData);
    }

    /// <summary>Tensor name (empty for attribute tensors is allowed).</summary>
    public string Name { get; }

    /// <summary>Element type.</summary>
    public OnnxDataType DataType { get; }

    /// <summary>Shape; empty for a scalar.</summary>
    public IReadOnlyList<long> Dims { get; }

    /// <summary>Little-endian element bytes.</summary>
    public byte[] RawData { get; }

    /// <summary>A float32 tensor.</summary>
    public static OnnxTensor FromFloats(string name, long[] dims, ReadOnlySpan<float> values) =>
        new(name, OnnxDataType.Float, dims, MemoryMarshal.AsBytes(values).ToArray());

    /// <summary>A float16 tensor, rounded from float32 values.</summary>
    public static OnnxTensor FromFloat16(string name, long[] dims, ReadOnlySpan<float> values)
    {
        var halves = new Half[values.Length];
        for (var i = 0; i < values.Length; i++) halves[i] = (Half)values[i];
        return new(name, OnnxDataType.Float16, dims, MemoryMarshal.AsBytes(halves.AsSpan()).ToArray());
    }

    /// <summary>An int64 tensor.</summary>
    public static OnnxTensor FromInt64(string name, long[] dims, ReadOnlySpan<long> values) =>
        new(name, OnnxDataType.Int64, dims, MemoryMarshal.AsBytes(values).ToArray());

    /// <summary>An int32 tensor.</summary>
    public static OnnxTensor FromInt32(string name, long[] dims, ReadOnlySpan<int> values) =>
        new(name, OnnxDataType.Int32, dims, MemoryMarshal.AsBytes(values).ToArray());
}
