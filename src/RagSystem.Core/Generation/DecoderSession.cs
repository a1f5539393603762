using Microsoft.ML.OnnxRuntime;

namespace RagSystem.Generation;

/// <summary>One sequence being decoded with a KV cache, through ONNX Runtime IO binding. The cache lives in the model's
/// device memory (<see cref="DecoderKvBuffers"/>: allocated once per sequence, each step's <c>present</c> written where
/// the next step reads its <c>past</c>, no host round trip); the logits are bound to a device buffer too
/// (<see cref="DecoderLogits"/>), and only the rows asked for reach the host. Token ids, attention mask and position ids
/// live in pinned host buffers sized to <see cref="MaxLength"/> once. On the CPU provider the same path runs with host
/// memory as the "device". Not thread-safe; one per generation.</summary>
public sealed class DecoderSession : IDisposable
{
    private static readonly RunOptions DefaultRunOptions = new();
    private readonly DecoderModel _model;
    private readonly long[] _tokens;
    private readonly long[] _mask;
    private readonly long[] _positions;
    private readonly long[] _stepShape = [1, 0];
    private readonly long[] _maskShape = [1, 0];
    private readonly OrtIoBinding _binding;
    private readonly DecoderKvBuffers _kv;
    private readonly DecoderLogits _logits;
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
        _binding = model.Session.CreateIoBinding();
        try
        {
            _kv = new DecoderKvBuffers(model, maxLength);
            _logits = new DecoderLogits(model, initialRows: 1);
        }
        catch
        {
            _kv?.Dispose();
            _binding.Dispose();
            throw;
        }
    }

    /// <summary>Tokens in the cache (prompt plus generated so far).</summary>
    public int Length { get; private set; }

    /// <summary>Most tokens this sequence can hold.</summary>
    public int MaxLength { get; }

    /// <summary>Run options for the next steps; set <see cref="RunOptions.Terminate"/> to abort a running step.</summary>
    public RunOptions? RunOptions { get; set; }

    /// <summary>Runs the model on <paramref name="tokens"/> after the cached ones (the prompt at first, then one token
    /// per step) and returns the logits of the last position. The span is valid until the next call. A step that fails
    /// (or is aborted) leaves the cache as it was before the step.</summary>
    /// <exception cref="ContextWindowExceededException">The tokens do not fit in <see cref="MaxLength"/>.</exception>
    public ReadOnlySpan<float> Append(ReadOnlySpan<int> tokens)
    {
        var rows = Run(tokens);
        return _logits.Row(_binding, rows - 1);
    }

    /// <summary>Like <see cref="Append"/> but returns a copy of the logits of every new position (row-major,
    /// <c>tokens.Length × vocab</c>): for scoring a text, and for checking a full pass against incremental decoding.</summary>
    public float[] AppendReturningAllLogits(ReadOnlySpan<int> tokens)
    {
        var rows = Run(tokens);
        var all = new float[rows * _model.VocabSize];
        _logits.CopyRows(_binding, 0, rows, all);
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
        var host = OrtMemoryInfo.DefaultInstance;
        // Small host inputs: ONNX Runtime copies them to the device itself when the graph runs there.
        using var ids = OrtValue.CreateTensorValueFromMemory(host, _tokens.AsMemory(start, tokens.Length), _stepShape);
        using var mask = OrtValue.CreateTensorValueFromMemory(host, _mask.AsMemory(0, start + tokens.Length), _maskShape);
        using var positions = _model.HasPositionIds
            ? OrtValue.CreateTensorValueFromMemory(host, _positions.AsMemory(start, tokens.Length), _stepShape)
            : null;
        _binding.BindInput("input_ids", ids);
        _binding.BindInput("attention_mask", mask);
        if (positions is not null) _binding.BindInput("position_ids", positions);
        _kv.Bind(_binding, start, tokens.Length);
        _logits.Bind(_binding, tokens.Length);

        _model.Session.RunWithBinding(RunOptions ?? DefaultRunOptions, _binding);
        _kv.Advance();
        Length = start + tokens.Length;
        return tokens.Length;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _binding.Dispose();
        _logits.Dispose();
        _kv.Dispose();
    }
}
