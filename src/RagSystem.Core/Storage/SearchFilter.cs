namespace RagSystem.Storage;

/// <summary>Restricts a search. Null members do not filter.</summary>
/// <param name="DocumentIds">Only chunks of these documents.</param>
/// <param name="PathPrefix">Only documents whose relative path starts with this prefix.</param>
/// <param name="Tags">Only documents carrying all of these tags.</param>
public sealed record SearchFilter(
    IReadOnlyList<string>? DocumentIds = null,
    string? PathPrefix = null,
    IReadOnlyList<string>? Tags = null)
{
    /// <summary>True when the filter restricts nothing.</summary>
    public bool IsEmpty => (DocumentIds is null || DocumentIds.Count == 0) && string.IsNullOrEmpty(PathPrefix) && (Tags is null || Tags.Count == 0);
}
