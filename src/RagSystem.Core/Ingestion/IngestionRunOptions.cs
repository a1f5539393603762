namespace RagSystem.Ingestion;

/// <summary>Per-run settings of <see cref="IngestionPipeline.IngestAsync"/> and <see cref="IngestionPipeline.SyncFolderAsync"/>.
/// Immutable, so concurrent runs never see each other's values; derive variants with <c>with</c>.</summary>
public sealed record IngestionRunOptions
{
    /// <summary>Where the documents come from (see <see cref="SourceDocumentIds"/>). Default <see cref="SourceDocumentIds.DefaultSource"/>,
    /// the one folder a CLI index mirrors.</summary>
    public string Source { get; init; } = SourceDocumentIds.DefaultSource;

    /// <summary>Parse again documents whose bytes failed before (normally they are reported as unchanged-failed and skipped).
    /// Default false.</summary>
    public bool RetryFailed { get; init; }

    /// <summary>Tags stored with every document of the run, in addition to each input's own. Default none.</summary>
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>Folder sync only: a folder under the root never to read, such as the store's own data folder. Default none.</summary>
    public string? ExcludedDirectory { get; init; }
}
