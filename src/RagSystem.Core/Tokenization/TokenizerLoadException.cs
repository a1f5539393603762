namespace RagSystem.Tokenization;

/// <summary>A model folder's tokenizer files are missing, malformed or of a kind we do not support.</summary>
public sealed class TokenizerLoadException : RagException
{
    /// <summary>Creates the exception with a message a user can act on.</summary>
    public TokenizerLoadException(string message, Exception? innerException = null) : base(RagErrorKind.Misconfigured, message, innerException) { }
}
