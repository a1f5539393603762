using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace RagSystem.Api.Tests;

/// <summary><c>/v1/query</c> with <c>history</c>: the follow-up is rewritten to stand alone (the <c>rag chat</c> rewriting), the
/// rewrite is returned, and an oversized history is a 400 ProblemDetails.</summary>
public sealed class ApiQueryFollowUpTests(IngestedCorpus corpus) : IClassFixture<IngestedCorpus>
{
    private const string FollowUp = "and why does that matter?";
    private static readonly object[] LoraHistory = [new { question = "What is LoRA?", answer = "LoRA trains two thin matrices beside frozen weights [1]." }];
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Api_query_with_history_searches_for_the_follow_up_rewritten_with_its_subject()
    {
        using var client = corpus.Host.Client();
        using var response = await client.PostAsJsonAsync("/v1/query", new { question = FollowUp, history = LoraHistory }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("why does LoRA matter?", answer.GetProperty("question").GetString());
        Assert.Contains(answer.GetProperty("citations").EnumerateArray(), c => c.GetProperty("source").GetString() == "fine-tuning.docx");

        using var alone = await client.PostAsJsonAsync("/v1/query", new { question = FollowUp }, Ct);
        Assert.Equal(FollowUp, (await alone.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("question").GetString());
    }

    [Fact]
    public async Task Api_query_stream_with_history_starts_with_the_question_searched_for()
    {
        using var client = corpus.Host.Client();
        using var response = await client.PostAsJsonAsync("/v1/query", new { question = FollowUp, history = LoraHistory, stream = true }, Ct);
        var events = await ServerSentEvent.ReadAllAsync(await response.Content.ReadAsStreamAsync(Ct), Ct);
        Assert.Equal("question", events[0].Name);
        var question = JsonDocument.Parse(events[0].Data).RootElement;
        Assert.Equal("why does LoRA matter?", question.GetProperty("question").GetString());
        Assert.Equal(FollowUp, question.GetProperty("original").GetString());
        Assert.Equal("citations", events[1].Name);
        Assert.Equal("done", events[^1].Name);
    }

    public static TheoryData<string, string> OverLimits => new()
    {
        { JsonSerializer.Serialize(Enumerable.Repeat(new { question = "What is LoRA?", answer = "x" }, 21)), "history has 21 turns" },
        { JsonSerializer.Serialize(new[] { new { question = new string('q', 2001), answer = "x" } }), "history[0].question is 2001 characters" },
        { JsonSerializer.Serialize(new[] { new { question = "What is LoRA?", answer = new string('a', 8001) } }), "history[0].answer is 8001 characters" },
        { JsonSerializer.Serialize(new[] { new { question = " ", answer = "x" } }), "history[0].question is empty" },
        { """[{"question": "What is LoRA?", "answer": "x", "speaker": "me"}]""", "speaker" },
    };

    [Theory]
    [MemberData(nameof(OverLimits))]
    public async Task Api_query_history_over_its_limits_is_a_400_problem(string history, string expected)
    {
        using var client = corpus.Host.Client();
        using var content = new StringContent($$"""{"question": "{{FollowUp}}", "history": {{history}}}""", System.Text.Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("/v1/query", content, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
