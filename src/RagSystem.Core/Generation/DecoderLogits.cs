using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace RagSystem.Generation;

/// <summary>The <c>logits</c> output of one sequence, bound to a buffer in the model's device memory that is taken from
/// the model's <see cref="DeviceBufferPool"/> once and grown only when a longer chunk arrives. Only the rows a caller asks for reach the host: on the CPU provider
/// they are read in place; on CUDA just those rows are copied (one row per decode step, not <c>[tokens × vocab]</c>).</summary>
internal sealed unsafe class DecoderLogits : IDisposable
{
    private readonly DecoderModel _model;
    private readonly int _vocab;
    private readonly int _elementBytes;
    private readonly TensorElementType _type;
    private readonly long[] _shape = [1, 0, 0];
    private readonly float[] _row;
    private OrtMemoryAllocation? _buffer;
    private nint _pointer;
    private int _capacityRows;
    private byte[]? _staging;

    public DecoderLogits(DecoderModel model, int initialRows)
    {
        _model = model;
        _vocab = model.VocabSize;
        _type = model.LogitsType;
        _elementBytes = _type == TensorElementType.Float16 ? 2 : 4;
        _shape[2] = _vocab;
        _row = new float[_vocab];
        Grow(Math.Max(1, initialRows));
    }

    /// <summary>Binds the output for a step over <paramref name="rows"/> new tokens.</summary>
    public void Bind(OrtIoBinding binding, int rows)
    {
        if (rows > _capacityRows) Grow(rows);
        _shape[1] = rows;
        using var view = OrtValue.CreateTensorValueWithData(_model.DeviceMemory, _type, _shape, _pointer, (long)rows * _vocab * _elementBytes);
        binding.BindOutput("logits", view);
    }

    /// <summary>Row <paramref name="row"/> of the last step as float32; valid until the next step.</summary>
    public ReadOnlySpan<float> Row(OrtIoBinding binding, int row)
    {
        var source = Rows(binding, row, 1);
        if (_type == TensorElementType.Float) return MemoryMarshal.Cast<byte, float>(source);
        TensorPrimitives.ConvertToSingle(MemoryMarshal.Cast<byte, Half>(source), _row);
        return _row;
    }

    /// <summary>Copies rows <paramref name="first"/>..<paramref name="first"/>+<paramref name="count"/> as float32 into <paramref name="destination"/>.</summary>
    public void CopyRows(OrtIoBinding binding, int first, int count, Span<float> destination)
    {
        var source = Rows(binding, first, count);
        if (_type == TensorElementType.Float) MemoryMarshal.Cast<byte, float>(source).CopyTo(destination);
        else TensorPrimitives.ConvertToSingle(MemoryMarshal.Cast<byte, Half>(source), destination);
    }

    private ReadOnlySpan<byte> Rows(OrtIoBinding binding, int first, int count)
    {
        var offset = (long)first * _vocab * _elementBytes;
        var length = count * _vocab * _elementBytes;
        var start = _pointer + (nint)offset;
        if (_model.RunsOnHost) return new ReadOnlySpan<byte>((void*)start, length);

        // Device memory: wait for the run's outputs, then copy only the requested rows to pinned host memory.
        binding.SynchronizeBoundOutputs();
        if (_staging is null || _staging.Length < length) _staging = GC.AllocateUninitializedArray<byte>(length, pinned: true);
        long[] flat = [(long)count * _vocab];
        using var device = OrtValue.CreateTensorValueWithData(_model.DeviceMemory, _type, flat, start, length);
        using var host = OrtValue.CreateTensorValueWithData(OrtMemoryInfo.DefaultInstance, _type, flat,
            Marshal.UnsafeAddrOfPinnedArrayElement(_staging, 0), length);
        OrtEnv.Instance().CopyTensors([device], [host], null);
        return _staging.AsSpan(0, length);
    }

    private void Grow(int rows)
    {
        if (_buffer is not null) _model.Buffers.Return(_buffer);
        _buffer = null;
        _buffer = _model.Buffers.Rent(checked((uint)((long)rows * _vocab * _elementBytes)));
        _pointer = _buffer.DangerousGetHandle(); // the allocation's address; the pool keeps it alive while bound
        _capacityRows = (int)(_buffer.Size / ((long)_vocab * _elementBytes)); // a reused buffer may hold more rows
    }

    public void Dispose()
    {
        if (_buffer is not null) _model.Buffers.Return(_buffer);
        _buffer = null;
    }
}
