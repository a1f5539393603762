using System.ComponentModel;
using System.Text.Json.Serialization;

namespace RagSystem.Api.Contracts;

/// <summary>An earlier turn of the conversation a question follows, sent in <see cref="QueryRequest.History"/>.</summary>
/// <param name="Question">The question of that turn, best the one that was searched for (the rewritten one, when it was).</param>
/// <param name="Answer">The answer given.</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ConversationTurnJson(
    [property: Description("The question of that turn (the one searched for, when it was rewritten).")] string Question,
    [property: Description("The answer given to it.")] string Answer);
