namespace RagSystem.Api.Jobs;

/// <summary>Where an ingestion job is in its life.</summary>
public enum JobState
{
    /// <summary>Waiting for the single writer.</summary>
    Queued,

    /// <summary>Being ingested now.</summary>
    Running,

    /// <summary>Finished; individual files may still have failed (see the job's failures).</summary>
    Succeeded,

    /// <summary>Stopped by an error that concerns the whole job (see its error).</summary>
    Failed,

    /// <summary>Cancelled by <c>DELETE /v1/ingestions/{id}</c>; documents already written stay.</summary>
    Cancelled,
}
