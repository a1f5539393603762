namespace RagSystem.Api.Jobs;

/// <summary>One file a job could not ingest.</summary>
/// <param name="Path">The file, relative to the job's folder.</param>
/// <param name="Kind">Category, such as encrypted, too_large, timed_out, unreadable.</param>
/// <param name="Reason">What went wrong and what to do.</param>
public sealed record JobFailure(string Path, string Kind, string Reason);
