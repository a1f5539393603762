namespace RagSystem.Storage;

/// <summary>The store file cannot be used by this build: it was written by a newer version, or it is not a RagSystem store.</summary>
public sealed class StoreSchemaException : Exception
{
    /// <summary>Creates the exception with a message the user can act on.</summary>
    public StoreSchemaException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception wrapping its cause.</summary>
    public StoreSchemaException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
