namespace RagSystem.Api.Jobs;

/// <summary>A request that writes (an upload ingested before the reply, a document delete) could not become the index's
/// one writer within its bounded wait, because an ingestion job of this service or another process (<c>rag ingest</c>,
/// another service) is writing. The API answers 503 with <c>Retry-After</c>: nothing was written, and the same request
/// succeeds once the other writer is done.</summary>
public sealed class IngestionWriterBusyException : RagException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="otherProcess">The other process holding the index lock, as described by it (also when a job of this
    /// service is first in line, waiting for it); null when the writer is an ingestion job of this service.</param>
    /// <param name="waited">How long the request waited.</param>
    public IngestionWriterBusyException(string? otherProcess, TimeSpan waited)
        : base(RagErrorKind.Unavailable, Describe(otherProcess, waited))
    {
        OtherProcess = otherProcess;
    }

    /// <summary>The other process's description, or null when the writer is in this service.</summary>
    public string? OtherProcess { get; }

    /// <summary>The retry delay to suggest.</summary>
    public static TimeSpan RetryAfter { get; } = TimeSpan.FromSeconds(5);

    private static string Describe(string? otherProcess, TimeSpan waited)
    {
        var who = otherProcess is null
            ? "an ingestion job of this service is writing it (GET /v1/ingestions shows which)"
            : $"another writer, {otherProcess}, holds the index lock (a `rag ingest` or another service on the same data folder)";
        return $"The index is busy: {who}, and it did not finish within {waited.TotalSeconds:0.#} s (Rag:Api:WriterWait). "
            + "Nothing was written; send the same request again after Retry-After.";
    }
}
