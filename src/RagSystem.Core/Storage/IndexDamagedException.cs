namespace RagSystem.Storage;

/// <summary>The index file is damaged (truncated, overwritten, or inconsistent) and cannot be trusted.</summary>
public sealed class IndexDamagedException : RagException
{
    /// <summary>Creates the exception for <paramref name="databasePath"/>, with what the check found.</summary>
    public IndexDamagedException(string databasePath, string finding, Exception? innerException = null)
        : base(RagErrorKind.Damaged, $"the index {databasePath} is damaged ({finding}). Run `rag index rebuild` to rebuild it from its source folder " +
            "(the damaged file is kept aside), or point --data at another folder.", innerException)
    {
        DatabasePath = databasePath;
        Finding = finding;
    }

    /// <summary>The damaged file.</summary>
    public string DatabasePath { get; }

    /// <summary>What the check found, in SQLite's words or ours.</summary>
    public string Finding { get; }

    /// <summary>Whether a SQLite error code means the file itself is damaged: <c>SQLITE_CORRUPT</c> (11) or
    /// <c>SQLITE_NOTADB</c> (26).</summary>
    public static bool IsDamageCode(int sqliteErrorCode) => sqliteErrorCode is 11 or 26;
}
