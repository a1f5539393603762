namespace RagSystem.Generation;

/// <summary>A decoder model folder cannot be used: files missing, configs malformed, or configs that contradict the
/// ONNX graph.</summary>
public sealed class DecoderModelException : RagException
{
    /// <summary>Creates the exception with a message a user can act on.</summary>
    public DecoderModelException(string message, Exception? innerException = null) : base(RagErrorKind.Misconfigured, message, innerException) { }
}
