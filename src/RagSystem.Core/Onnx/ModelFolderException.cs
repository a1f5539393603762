namespace RagSystem.Onnx;

/// <summary>A model folder is absent or lacks a file the model needs (the ONNX file or its tokenizer).</summary>
public sealed class ModelFolderException : RagException
{
    /// <summary>Creates the exception with a message that names the folder and the missing file.</summary>
    public ModelFolderException(string message) : base(RagErrorKind.Misconfigured, message) { }

    public ModelFolderException(string message, Exception innerException) : base(RagErrorKind.Misconfigured, message, innerException) { }
}
