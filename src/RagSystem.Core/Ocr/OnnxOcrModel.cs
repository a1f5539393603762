using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using RagSystem.Onnx;

namespace RagSystem.Ocr;

/// <summary>One PP-OCR ONNX model: its session, its single input and output, and a reusable input buffer
/// (grown to the largest batch seen, never shrunk). Not thread-safe: the engine runs one image at a time.</summary>
internal sealed class OnnxOcrModel
{
    private readonly InferenceSession _session;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private float[] _buffer = [];

    /// <summary>Opens <paramref name="path"/> through the shared factory.</summary>
    public OnnxOcrModel(OnnxSessionFactory sessions, string path)
    {
        _session = sessions.GetSession(path);
        if (_session.InputMetadata.Count != 1 || _session.OutputMetadata.Count < 1)
            throw new OnnxModelLoadException($"'{path}' is not a PP-OCR model: it has {_session.InputMetadata.Count} inputs, one image input is needed");
        var input = _session.InputMetadata.First();
        if (input.Value.Dimensions.Length != 4 || input.Value.ElementDataType != TensorElementType.Float)
            throw new OnnxModelLoadException($"'{path}' is not a PP-OCR model: its input '{input.Key}' is not a float [batch, 3, height, width] image");
        _inputNames = [input.Key];
        _outputNames = [_session.OutputMetadata.Keys.First()];
        InputDimensions = input.Value.Dimensions;
        OutputDimensions = _session.OutputMetadata.First().Value.Dimensions;
        Path = path;
    }

    /// <summary>The model file.</summary>
    public string Path { get; }

    /// <summary>The input shape as the model declares it (-1 where dynamic).</summary>
    public int[] InputDimensions { get; }

    /// <summary>The output shape as the model declares it (-1 where dynamic).</summary>
    public int[] OutputDimensions { get; }

    /// <summary>A zeroed input buffer of at least <paramref name="length"/> floats, reused across calls.</summary>
    public Span<float> Input(int length)
    {
        if (_buffer.Length < length) _buffer = new float[Math.Max(length, _buffer.Length * 3 / 2)];
        var span = _buffer.AsSpan(0, length);
        span.Clear();
        return span;
    }

    /// <summary>Runs the model on the first elements of the input buffer shaped as <paramref name="shape"/>.</summary>
    public IDisposableReadOnlyCollection<OrtValue> Run(long[] shape, CancellationToken cancellationToken)
    {
        var length = (int)shape.Aggregate(1L, (a, b) => a * b);
        using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _buffer.AsMemory(0, length), shape);
        using var runOptions = new RunOptions();
        using var registration = cancellationToken.Register(() => runOptions.Terminate = true);
        try
        {
            return _session.Run(runOptions, _inputNames, [input], _outputNames);
        }
        catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
    }
}
