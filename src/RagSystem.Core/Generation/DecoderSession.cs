using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace RagSystem.Generation;

/// <summary>One sequence being decoded with a KV cache. The cache stays in ONNX Runtime memory: each step's
/// <c>present</c> OrtValues are fed back as the next <c>past</c> without copying. Token ids, attention mask and position
/// ids live in pinned buffers sized to <see cref="MaxLength"/> once, and each step passes slices of them, so a step
/// allocates only the small OrtValue wrappers. Not thread-safe; one per generation.</summary>
public sealed class DecoderSession : IDisposable
{
    private readonly DecoderModel _model;
    private readonly long[] _tokens;
    private readonly long[] _mask;
    private readonly long[] _positions;
    private readonly float[] _logitsBuffer;
    private readonly OrtValue[] _past;
    private readonly string[] _inputNames;
    private readonly OrtValue[] _inputValues;
    private readonly string[] _outputNames;
    private readonly long[] _stepShape = [1, 0];
    private readonly long[] _maskShape = [1, 0];
    private readonly int _pastOffset;
    private OrtValue? _lastLogits;
    private bool _disposed;

    internal DecoderSession(DecoderModel model, int maxLength)
    {
        _model = model;
        MaxLength = maxLength;
        _tokens = GC.AllocateUninitializedArray<long>(maxLength, pinned: true);
        _mask = GC.AllocateArray<long>(maxLength, pinned: true);
        Array.Fill(_mask, 1L);
        _positions = GC.AllocateArray<long>(maxLength, pinned: true);
        for (var i = 0; i < maxLength; i++) _positions[i] = i;
        _logitsBuffer = new float[model.VocabSize];

        var names = new List<string> { "input_ids", "attention_mask" };
        if (model.HasPositionIds) names.Add("position_ids");
        _pastOffset = names.Count;
        names.AddRange(model.PastNames);
        _inputNames = [.. names];
        _inputValues = new OrtValue[_inputNames.Length];
        _outputNames = ["logits", .. model.PresentNames];

        _past = new OrtValue[model.PastNames.Length];
        long[] emptyShape = [1, model.KvHeads, 0, model.HeadDim];
        for (var i = 0; i < _past.Length; i++)
            _past[i] = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, model.KvType, emptyShape);
    }

    /// <summary>Tokens in the cache (prompt plus generated so far).</summary>
    public int Length { get; private set; }

    /// <summary>Most tokens this sequence can hold.</summary>
    public int MaxLength { get; }

    /// <summary>Run options for the next steps; set <see cref="RunOptions.Terminate"/> to abort a running step.</summary>
    public RunOptions? RunOptions { get; set; }

    /// <summary>Runs the model on <paramref name="tokens"/> after the cached ones (the prompt at first, then one token
    /// per step) and returns the logits of the last position. The span is valid until the next call.</summary>
    /// <exception cref="ContextWindowExceededException">The tokens do not fit in <see cref="MaxLength"/>.</exception>
    public ReadOnlySpan<float> Append(ReadOnlySpan<int> tokens)
    {
        var rows = Run(tokens);
        return LogitsRow(rows - 1);
    }

    /// <summary>Like <see cref="Append"/> but returns a copy of the logits of every new position (row-major,
    /// <c>tokens.Length × vocab</c>): for scoring a text, and for checking a full pass against incremental decoding.</summary>
    public float[] AppendReturningAllLogits(ReadOnlySpan<int> tokens)
    {
        var rows = Run(tokens);
        var all = new float[rows * _model.VocabSize];
        for (var r = 0; r < rows; r++) LogitsRow(r).CopyTo(all.AsSpan(r * _model.VocabSize));
        return all;
    }

    private int Run(ReadOnlySpan<int> tokens)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (tokens.IsEmpty) throw new ArgumentException("At least one token is needed.", nameof(tokens));
        if (Length + tokens.Length > MaxLength) throw new ContextWindowExceededException(Length + tokens.Length, MaxLength);

        var start = Length;
        for (var i = 0; i < tokens.Length; i++) _tokens[start + i] = tokens[i];
        _stepShape[1] = tokens.Length;
        _maskShape[1] = start + tokens.Length;
        var info = OrtMemoryInfo.DefaultInstance;
        _inputValues[0] = OrtValue.CreateTensorValueFromMemory(info, _tokens.AsMemory(start, tokens.Length), _stepShape);
        _inputValues[1] = OrtValue.CreateTensorValueFromMemory(info, _mask.AsMemory(0, start + tokens.Length), _maskShape);
        if (_model.HasPositionIds)
            _inputValues[2] = OrtValue.CreateTensorValueFromMemory(info, _positions.AsMemory(start, tokens.Length), _stepShape);
        Array.Copy(_past, 0, _inputValues, _pastOffset, _past.Length);

        IDisposableReadOnlyCollection<OrtValue> outputs;
        try
        {
            outputs = _model.Session.Run(RunOptions ?? DefaultRunOptions.Instance, _inputNames, _inputValues, _outputNames);
        }
        finally
        {
            for (var i = 0; i < _pastOffset; i++) _inputValues[i].Dispose();
        }

        _lastLogits?.Dispose();
        var index = 0;
        foreach (var output in outputs)
        {
            if (index == 0) _lastLogits = output;
            else
            {
                _past[index - 1].Dispose();
                _past[index - 1] = output;
            }
            index++;
        }
        Length = start + tokens.Length;
        var elements = _model.LogitsType == TensorElementType.Float16
            ? _lastLogits!.GetTensorDataAsSpan<Float16>().Length
            : _lastLogits!.GetTensorDataAsSpan<float>().Length;
        return elements / _model.VocabSize;
    }

    private ReadOnlySpan<float> LogitsRow(int row)
    {
        var offset = row * _model.VocabSize;
        if (_model.LogitsType == TensorElementType.Float)
            return _lastLogits!.GetTensorDataAsSpan<float>().Slice(offset, _model.VocabSize);
        var half = MemoryMarshal.Cast<Float16, Half>(_lastLogits!.GetTensorDataAsSpan<Float16>().Slice(offset, _model.VocabSize));
        TensorPrimitives.ConvertToSingle(half, _logitsBuffer);
        return _logitsBuffer;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _lastLogits?.Dispose();
        foreach (var value in _past) value.Dispose();
    }

    private static class DefaultRunOptions
    {
        public static readonly RunOptions Instance = new();
    }
}
