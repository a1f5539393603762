using RagSystem.Documents;

namespace RagSystem.Ingestion;

/// <summary>A file that could not be ingested, and why.</summary>
/// <param name="Path">Path relative to the ingested root.</param>
/// <param name="Kind">Category of failure.</param>
/// <param name="Reason">A sentence the user can act on.</param>
public sealed record IngestionFailure(string Path, DocumentFailureKind Kind, string Reason);
