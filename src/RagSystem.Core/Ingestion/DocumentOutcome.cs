namespace RagSystem.Ingestion;

/// <summary>What ingestion did with one file.</summary>
public enum DocumentOutcome
{
    /// <summary>Stored for the first time.</summary>
    Added,
    /// <summary>Replaced a stored older version.</summary>
    Updated,
    /// <summary>Content hash matched the store; nothing written.</summary>
    Unchanged,
    /// <summary>Could not be read; see the report's failures.</summary>
    Failed,
    /// <summary>These same bytes failed in an earlier run and were not parsed again; see the report's unchanged failures.</summary>
    UnchangedFailed,
}
