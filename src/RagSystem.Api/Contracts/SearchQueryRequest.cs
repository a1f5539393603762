using System.ComponentModel;
using System.Text.Json.Serialization;

namespace RagSystem.Api.Contracts;

/// <summary>Body of <c>POST /v1/search</c>.</summary>
/// <param name="Query">What to look for.</param>
/// <param name="TopK">Chunks to return; default <c>Rag:Retrieval:Top</c>.</param>
/// <param name="Filters">Optional restriction.</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record SearchQueryRequest(
    [property: Description("What to look for.")] string Query,
    [property: Description("Chunks to return (1..MaxTopK); default Rag:Retrieval:Top.")] int? TopK = null,
    FiltersJson? Filters = null);
