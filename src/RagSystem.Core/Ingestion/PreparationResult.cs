namespace RagSystem.Ingestion;

/// <summary>What the preparation step concluded for one input: ready to store, unchanged, failed now, or failed before with the
/// same bytes. <see cref="ContentHash"/> is set whenever the bytes were read, so a new failure can be remembered by it.</summary>
internal readonly record struct PreparationResult(PreparedDocument? Document, IngestionFailure? Failure, string? ContentHash = null,
    bool FailedBefore = false)
{
    public static PreparationResult Unchanged => default;

    public bool IsUnchanged => Document is null && Failure is null;
}
