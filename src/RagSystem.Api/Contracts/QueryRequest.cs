using System.ComponentModel;
using System.Text.Json.Serialization;

namespace RagSystem.Api.Contracts;

/// <summary>Body of <c>POST /v1/query</c>.</summary>
/// <param name="Question">The question, in any words.</param>
/// <param name="TopK">Passages to retrieve; default <c>Rag:Retrieval:Top</c> (8), at most <c>Rag:Api:MaxTopK</c> (50).</param>
/// <param name="Filters">Optional restriction by document, path prefix or tags.</param>
/// <param name="Stream">True for Server-Sent Events (also chosen by <c>Accept: text/event-stream</c>).</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record QueryRequest(
    [property: Description("The question, in any words.")] string Question,
    [property: Description("Passages to retrieve (1..MaxTopK); default Rag:Retrieval:Top.")] int? TopK = null,
    FiltersJson? Filters = null,
    [property: Description("Stream the answer as Server-Sent Events.")] bool? Stream = null);
