namespace RagSystem.Ingestion;

/// <summary>A progress snapshot, reported after each file settles (stored, skipped or failed).</summary>
/// <param name="FilesTotal">Files found under the root.</param>
/// <param name="FilesDone">Files settled so far.</param>
/// <param name="ChunksWritten">Chunks written so far.</param>
/// <param name="CurrentFile">The file that just settled (relative path).</param>
/// <param name="Outcome">What happened to it.</param>
public sealed record IngestionProgress(int FilesTotal, int FilesDone, int ChunksWritten, string CurrentFile, DocumentOutcome Outcome);
