namespace RagSystem.Storage;

/// <summary>The store file cannot be used by this build: it was written by a newer version, or it is not a RagSystem store.</summary>
public sealed class StoreSchemaException : RagException
{
    /// <summary>Creates the exception with a message the user can act on.</summary>
    public StoreSchemaException(string message) : base(RagErrorKind.Damaged, message)
    {
    }

    /// <summary>Creates the exception wrapping its cause.</summary>
    public StoreSchemaException(string message, Exception innerException) : base(RagErrorKind.Damaged, message, innerException)
    {
    }
}
