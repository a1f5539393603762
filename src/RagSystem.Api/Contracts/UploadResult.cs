using RagSystem.Api.Jobs;

namespace RagSystem.Api.Contracts;

/// <summary>Reply to an upload ingested before the reply.</summary>
/// <param name="Documents">The uploaded documents as stored (failed ones are absent).</param>
/// <param name="Counts">Added, updated, unchanged and failed.</param>
/// <param name="Failures">Files that could not be ingested, and why.</param>
public sealed record UploadResult(IReadOnlyList<DocumentJson> Documents, JobCounts Counts, IReadOnlyList<JobFailure> Failures);
