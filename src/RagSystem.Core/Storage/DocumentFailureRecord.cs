using RagSystem.Documents;

namespace RagSystem.Storage;

/// <summary>A document whose current bytes could not be ingested. The store remembers it so that later runs skip the same
/// bytes instead of parsing them again (a slow or broken file would otherwise cost its timeout on every run).</summary>
/// <param name="DocumentId">The document's id (see <see cref="DocumentIds.ForPath"/>).</param>
/// <param name="Path">Path relative to the ingested root, with forward slashes.</param>
/// <param name="ContentHash">Lower-case hex SHA-256 of the bytes that failed; other bytes are tried again.</param>
/// <param name="Kind">Why it failed.</param>
/// <param name="Reason">The sentence reported to the user.</param>
/// <param name="FailedUtc">When it failed.</param>
public sealed record DocumentFailureRecord(string DocumentId, string Path, string ContentHash, DocumentFailureKind Kind, string Reason, DateTimeOffset FailedUtc);
