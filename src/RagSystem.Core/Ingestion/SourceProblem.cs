using RagSystem.Documents;

namespace RagSystem.Ingestion;

/// <summary>Why a path under the ingested root is reported instead of read.</summary>
/// <param name="Kind">The failure category shown to the user.</param>
/// <param name="Reason">A sentence the user can act on, naming the path.</param>
public sealed record SourceProblem(DocumentFailureKind Kind, string Reason);
