namespace RagSystem.Ingestion;

/// <summary>What one ingestion run did.</summary>
public sealed record IngestionReport
{
    /// <summary>Documents stored for the first time.</summary>
    public int Added { get; init; }

    /// <summary>Documents whose content changed (or whose embedding model changed) and were replaced.</summary>
    public int Updated { get; init; }

    /// <summary>Documents whose content hash matched the store: nothing was written.</summary>
    public int Unchanged { get; init; }

    /// <summary>Documents removed because their files are gone.</summary>
    public int Removed { get; init; }

    /// <summary>Files that could not be ingested. A previously stored version of such a file is kept.</summary>
    public IReadOnlyList<IngestionFailure> Failed { get; init; } = [];

    /// <summary>Chunks written in this run.</summary>
    public int Chunks { get; init; }

    /// <summary>Wall-clock duration.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>The embedding model used, or null when the run was lexical-only.</summary>
    public string? EmbeddingModel { get; init; }

    /// <summary>True when nothing was added, updated or removed.</summary>
    public bool NothingChanged => Added == 0 && Updated == 0 && Removed == 0;
}
