using System.Text;
using System.Text.Json;
using RagSystem.Answering;
using RagSystem.Api.OpenAi;

namespace RagSystem.Api.OpenApi;

/// <summary>Example <c>text/event-stream</c> bodies, written from the same records and in the same framing as the endpoints
/// write them: <c>POST /v1/query</c>'s named events and <c>POST /v1/chat/completions</c>'s OpenAI chunks.</summary>
internal static class ServerSentEventExamples
{
    /// <summary>The stream example for an operation, or null when it does not stream.</summary>
    public static string? For(string? operationId, JsonSerializerOptions json) => operationId switch
    {
        "Query" => Query(json),
        "ChatCompletions" => Chat(json),
        _ => null,
    };

    private static string Query(JsonSerializerOptions json)
    {
        var answer = (AnswerJsonDocument)ApiExamples.For(typeof(AnswerJsonDocument))!;
        var text = new StringBuilder();
        Event(text, "citations", new { citations = answer.Citations }, json);
        foreach (var piece in new[] { "Retrieval", "-augmented", " generation", " answers", " from passages" })
            Event(text, "token", new { text = piece }, json);
        Event(text, "done", answer, json);
        return text.ToString();
    }

    private static string Chat(JsonSerializerOptions json)
    {
        var whole = (ChatCompletionJson)ApiExamples.For(typeof(ChatCompletionJson))!;
        ChatCompletionJson Chunk(string? role, string? content, string? finish) => whole with
        {
            Object = "chat.completion.chunk",
            Choices = [new ChatChoiceJson(0, null, new ChatMessageOutJson(role, content), finish)],
            Citations = finish is null ? null : whole.Citations,
        };
        var text = new StringBuilder();
        foreach (var chunk in new[] { Chunk("assistant", "", null), Chunk(null, "Retrieval-augmented generation", null),
                     Chunk(null, " answers from passages [1].", null), Chunk(null, null, "stop") })
            text.Append("data: ").Append(JsonSerializer.Serialize(chunk, json)).Append("\n\n");
        return text.Append("data: [DONE]\n\n").ToString();
    }

    private static void Event<T>(StringBuilder text, string name, T payload, JsonSerializerOptions json) =>
        text.Append("event: ").Append(name).Append("\ndata: ").Append(JsonSerializer.Serialize(payload, json)).Append("\n\n");
}
