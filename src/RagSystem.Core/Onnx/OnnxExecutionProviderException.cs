namespace RagSystem.Onnx;

/// <summary>The configured ONNX Runtime execution provider (for example CUDA) is not available in this build or on this machine.</summary>
public sealed class OnnxExecutionProviderException : RagException
{
    /// <summary>Creates the exception with a message that says what to install or change.</summary>
    public OnnxExecutionProviderException(string message) : base(RagErrorKind.Misconfigured, message) { }

    /// <summary>Creates the exception with the provider's own error as the inner exception.</summary>
    public OnnxExecutionProviderException(string message, Exception innerException) : base(RagErrorKind.Misconfigured, message, innerException) { }
}
