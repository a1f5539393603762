namespace RagSystem.Onnx;

/// <summary>An ONNX file exists but ONNX Runtime cannot load it (corrupt, truncated, missing external data, unsupported ops),
/// or the model's inputs and outputs are not what the caller needs.</summary>
public sealed class OnnxModelLoadException : RagException
{
    /// <summary>Creates the exception.</summary>
    public OnnxModelLoadException(string message) : base(RagErrorKind.Misconfigured, message) { }

    /// <summary>Creates the exception with ONNX Runtime's error as the inner exception.</summary>
    public OnnxModelLoadException(string message, Exception innerException) : base(RagErrorKind.Misconfigured, message, innerException) { }
}
