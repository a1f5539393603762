using System.Text.Json;
using RagSystem.Storage;

namespace RagSystem.Api.Contracts;

/// <summary>Why a document's current bytes could not be ingested (the store remembers it, so later runs skip the same bytes).</summary>
/// <param name="Kind">encrypted, corrupt, empty, no_text, unsupported, too_large, timeout or unreadable.</param>
/// <param name="Reason">The sentence reported to the user.</param>
/// <param name="FailedUtc">When it failed.</param>
public sealed record DocumentFailureJson(string Kind, string Reason, DateTimeOffset FailedUtc)
{
    /// <summary>Maps a store record.</summary>
    public static DocumentFailureJson From(DocumentFailureRecord f) =>
        new(JsonNamingPolicy.SnakeCaseLower.ConvertName(f.Kind.ToString()), f.Reason, f.FailedUtc);
}
