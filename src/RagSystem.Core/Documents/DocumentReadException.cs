namespace RagSystem.Documents;

/// <summary>A file could not be read, for a reason the user can act on.</summary>
public sealed class DocumentReadException : RagException
{
    public DocumentReadException(DocumentFailureKind kind, string message, Exception? inner = null)
        : base(RagErrorKind.InvalidInput, message, inner) => Kind = kind;

    /// <summary>The category of failure.</summary>
    public DocumentFailureKind Kind { get; }
}
