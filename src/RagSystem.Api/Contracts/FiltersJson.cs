using System.Text.Json.Serialization;
using RagSystem.Storage;

namespace RagSystem.Api.Contracts;

/// <summary>Restricts a query or search; an unknown field is refused with 400 rather than silently ignored.</summary>
/// <param name="DocumentIds">Only chunks of these documents.</param>
/// <param name="PathPrefix">Only documents whose relative path starts with this.</param>
/// <param name="Tags">Only documents carrying all these tags.</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record FiltersJson(IReadOnlyList<string>? DocumentIds = null, string? PathPrefix = null, IReadOnlyList<string>? Tags = null)
{
    /// <summary>The store's filter, or null when nothing is restricted.</summary>
    public SearchFilter? ToFilter()
    {
        var filter = new SearchFilter(DocumentIds, PathPrefix, Tags);
        return filter.IsEmpty ? null : filter;
    }
}
