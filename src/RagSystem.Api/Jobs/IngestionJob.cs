namespace RagSystem.Api.Jobs;

/// <summary>An ingestion job as stored in <c>jobs.db</c> and returned by <c>/v1/ingestions</c>.</summary>
/// <param name="Id">The job's id.</param>
/// <param name="Kind">Folder or upload.</param>
/// <param name="Path">The folder ingested (for uploads: the staging folder).</param>
/// <param name="State">queued, running, succeeded, failed or cancelled.</param>
/// <param name="CreatedUtc">When it was submitted.</param>
/// <param name="StartedUtc">When its last run started.</param>
/// <param name="FinishedUtc">When it finished.</param>
/// <param name="Progress">Files and chunks so far.</param>
/// <param name="Counts">What it did, once finished.</param>
/// <param name="Failures">Files that could not be ingested.</param>
/// <param name="Error">Why the whole job failed, or null.</param>
/// <param name="Runs">How many times it was started (more than 1 after a resume).</param>
/// <param name="Tags">Tags given to uploaded documents.</param>
/// <param name="Message">What a job that is not running yet waits for, e.g. "waiting for another writer, process 1234
/// (since …), to release the index lock (ingest.lock)"; null otherwise.</param>
public sealed record IngestionJob(
    string Id,
    JobKind Kind,
    string Path,
    JobState State,
    DateTimeOffset CreatedUtc,
    DateTimeOffset? StartedUtc,
    DateTimeOffset? FinishedUtc,
    JobProgress Progress,
    JobCounts? Counts,
    IReadOnlyList<JobFailure> Failures,
    string? Error,
    int Runs,
    IReadOnlyList<string>? Tags = null,
    string? Message = null)
{
    /// <summary>True once the job will not run again.</summary>
    public bool IsFinished => State is JobState.Succeeded or JobState.Failed or JobState.Cancelled;

    /// <summary>A new queued job.</summary>
    public static IngestionJob Create(JobKind kind, string path, IReadOnlyList<string>? tags = null) =>
        new(Guid.NewGuid().ToString("N"), kind, path, JobState.Queued, DateTimeOffset.UtcNow, null, null, JobProgress.None, null, [], null, 0, tags);
}
