namespace RagSystem.Ingestion;

/// <summary>Another writer holds the index's <see cref="IngestionLock"/>.</summary>
public sealed class IngestionLockedException : RagException
{
    /// <summary>Creates the exception for the index in <paramref name="dataDirectory"/>, held by <paramref name="holder"/>.</summary>
    public IngestionLockedException(string dataDirectory, string holder)
        : base(RagErrorKind.Conflict, $"the index in {dataDirectory} is being written by {holder}; wait for it to finish, or pass --wait to queue behind it")
    {
        DataDirectory = dataDirectory;
    }

    /// <summary>The locked index's data folder.</summary>
    public string DataDirectory { get; }
}
