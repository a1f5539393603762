namespace RagSystem.Ingestion;

/// <summary>What the preparation step concluded for one file: ready to store, unchanged, or failed.</summary>
internal readonly record struct PreparationResult(PreparedDocument? Document, IngestionFailure? Failure)
{
    public static PreparationResult Unchanged => default;

    public bool IsUnchanged => Document is null && Failure is null;
}
