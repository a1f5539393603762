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

    /// <summary>Files that could not be ingested in this run. A previously stored version of such a file is kept, and the
    /// failure is remembered by content hash, so the same bytes are not parsed again by later runs.</summary>
    public IReadOnlyList<IngestionFailure> Failed { get; init; } = [];

    /// <summary>Files whose bytes are the same as when they failed in an earlier run: not parsed again (no timeout paid
    /// again), reported with the remembered reason. They are retried when their bytes change, or with
    /// <see cref="IngestionRunOptions.RetryFailed"/>.</summary>
    public IReadOnlyList<IngestionFailure> UnchangedFailed { get; init; } = [];

    /// <summary>Chunks written in this run.</summary>
    public int Chunks { get; init; }

    /// <summary>Wall-clock duration.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>The embedding model used, or null when the run was lexical-only.</summary>
    public string? EmbeddingModel { get; init; }

    /// <summary>True when nothing was added, updated or removed.</summary>
    public bool NothingChanged => Added == 0 && Updated == 0 && Removed == 0;
}
