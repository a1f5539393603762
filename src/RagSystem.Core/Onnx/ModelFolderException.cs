namespace RagSystem.Onnx;

/// <summary>A model folder is absent or lacks a file the model needs (the ONNX file or its tokenizer).</summary>
public sealed class ModelFolderException : Exception
{
    /// <summary>Creates the exception with a message that names the folder and the missing file.</summary>
    public ModelFolderException(string message) : base(message) { }

    public ModelFolderException(string message, Exception innerException) : base(message, innerException) { }
}
