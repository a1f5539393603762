using System.ComponentModel;
using System.Text.Json.Serialization;

namespace RagSystem.Api.Contracts;

/// <summary>Body of <c>POST /v1/query</c>.</summary>
/// <param name="Question">The question, in any words.</param>
/// <param name="TopK">Passages to retrieve; default <c>Rag:Retrieval:Top</c> (8), at most <c>Rag:Api:MaxTopK</c> (50).</param>
/// <param name="Filters">Optional restriction by document, path prefix or tags.</param>
/// <param name="Stream">True for Server-Sent Events (also chosen by <c>Accept: text/event-stream</c>).</param>
/// <param name="History">Earlier turns of the conversation, oldest first: the question is then a follow-up, rewritten to stand
/// alone before retrieval (at most 20 turns; questions up to 2,000 and answers up to 8,000 characters).</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record QueryRequest(
    [property: Description("The question, in any words.")] string Question,
    [property: Description("Passages to retrieve (1..MaxTopK); default Rag:Retrieval:Top.")] int? TopK = null,
    FiltersJson? Filters = null,
    [property: Description("Stream the answer as Server-Sent Events.")] bool? Stream = null,
    [property: Description("Earlier turns (oldest first, at most 20): the question is a follow-up, rewritten to stand alone before retrieval.")]
    IReadOnlyList<ConversationTurnJson>? History = null);
