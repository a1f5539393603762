namespace RagSystem.Api.Jobs;

/// <summary>What a finished job did.</summary>
/// <param name="Added">Documents stored for the first time.</param>
/// <param name="Updated">Documents replaced by a new version.</param>
/// <param name="Unchanged">Documents whose content was already stored.</param>
/// <param name="Removed">Documents removed because their files are gone from the folder.</param>
/// <param name="Failed">Files that could not be ingested in this run (see failures).</param>
/// <param name="UnchangedFailed">Files whose same bytes failed before and were not parsed again (also in failures).</param>
/// <param name="Chunks">Chunks written.</param>
/// <param name="ElapsedMs">Duration of the last run.</param>
public sealed record JobCounts(int Added, int Updated, int Unchanged, int Removed, int Failed, int UnchangedFailed, int Chunks, double ElapsedMs);
