namespace RagSystem.Onnx;

/// <summary>An ONNX file exists but ONNX Runtime cannot load it (corrupt, truncated, missing external data, unsupported ops),
/// or the model's inputs and outputs are not what the caller needs.</summary>
public sealed class OnnxModelLoadException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OnnxModelLoadException(string message) : base(message) { }

    /// <summary>Creates the exception with ONNX Runtime's error as the inner exception.</summary>
    public OnnxModelLoadException(string message, Exception innerException) : base(message, innerException) { }
}
