using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace RagSystem.Api.Tests;

public sealed class ApiQueryTests(IngestedCorpus corpus) : IClassFixture<IngestedCorpus>
{
    private const string Question = "What is retrieval-augmented generation?";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Query_returns_the_same_json_shape_as_rag_ask_json_with_citations_into_the_corpus()
    {
        using var client = corpus.Host.Client();
        using var response = await client.PostAsJsonAsync("/v1/query", new { question = Question }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("extractive", answer.GetProperty("mode").GetString());
        Assert.Equal(Question, answer.GetProperty("question").GetString());
        Assert.False(string.IsNullOrWhiteSpace(answer.GetProperty("answer").GetString()));
        var citations = answer.GetProperty("citations").EnumerateArray().ToList();
        Assert.NotEmpty(citations);
        Assert.Contains(citations, c => c.GetProperty("source").GetString() == "retrieval-augmented-generation.md");
        Assert.True(citations[0].GetProperty("n").GetInt32() >= 1);
        Assert.True(answer.GetProperty("timings").TryGetProperty("retrieval_ms", out _));
        Assert.True(answer.GetProperty("timings").TryGetProperty("total_ms", out _));
        Assert.NotEmpty(answer.GetProperty("retrieval").EnumerateArray());
    }

    [Fact]
    public async Task Query_streams_citations_first_then_tokens_then_done_with_timings()
    {
        using var client = corpus.Host.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/query") { Content = JsonContent.Create(new { question = Question }) };
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = await ServerSentEvent.ReadAllAsync(await response.Content.ReadAsStreamAsync(Ct), Ct);

        Assert.Equal("citations", events[0].Name);
        Assert.Equal("done", events[^1].Name);
        var tokens = events.Skip(1).SkipLast(1).ToList();
        Assert.NotEmpty(tokens);
        Assert.All(tokens, e => Assert.Equal("token", e.Name));
        var done = JsonDocument.Parse(events[^1].Data).RootElement;
        var text = string.Concat(tokens.Select(t => JsonDocument.Parse(t.Data).RootElement.GetProperty("text").GetString()));
        Assert.Equal(done.GetProperty("answer").GetString(), text);
        Assert.True(done.GetProperty("timings").GetProperty("total_ms").GetDouble() > 0);
        var announced = JsonDocument.Parse(events[0].Data).RootElement.GetProperty("citations").EnumerateArray()
            .Select(c => c.GetProperty("chunk_id").GetGuid()).ToHashSet();
        Assert.All(done.GetProperty("citations").EnumerateArray(), c => Assert.Contains(c.GetProperty("chunk_id").GetGuid(), announced));
    }

    [Fact]
    public async Task Query_with_stream_true_in_the_body_streams_too()
    {
        using var client = corpus.Host.Client();
        using var response = await client.PostAsJsonAsync("/v1/query", new { question = Question, stream = true }, Ct);
        var events = await ServerSentEvent.ReadAllAsync(await response.Content.ReadAsStreamAsync(Ct), Ct);
        Assert.Equal("citations", events[0].Name);
        Assert.Equal("done", events[^1].Name);
    }

    [Theory]
    [InlineData("""{"question": "   "}""", "question")]
    [InlineData("""{"question": "tokens", "top_k": 0}""", "top_k")]
    [InlineData("""{"question": "tokens", "top_k": 1000}""", "top_k")]
    [InlineData("""{"question": "tokens", "filters": {"author": "x"}}""", "author")]
    [InlineData("""{"question": "tokens", "colour": "red"}""", "colour")]
    [InlineData("""{"question": """, "JSON")]
    public async Task Invalid_queries_are_400_problem_details_that_name_the_problem(string body, string mentioned)
    {
        using var client = corpus.Host.Client();
        using var response = await client.PostAsync("/v1/query", new StringContent(body, Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.Contains(mentioned, problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Two_concurrent_queries_with_different_top_k_each_get_their_own()
    {
        using var client = corpus.Host.Client();
        for (var round = 0; round < 5; round++)
        {
            var two = client.PostAsJsonAsync("/v1/search", new { query = "tokens embeddings attention training", top_k = 2 }, Ct);
            var seven = client.PostAsJsonAsync("/v1/search", new { query = "tokens embeddings attention training", top_k = 7 }, Ct);
            var askTwo = client.PostAsJsonAsync("/v1/query", new { question = "How are tokens turned into embeddings?", top_k = 2 }, Ct);
            var askSix = client.PostAsJsonAsync("/v1/query", new { question = "How are tokens turned into embeddings?", top_k = 6 }, Ct);
            await Task.WhenAll(two, seven, askTwo, askSix);
            Assert.Equal(2, (await Hits(await two)).GetArrayLength());
            Assert.Equal(7, (await Hits(await seven)).GetArrayLength());
            Assert.Equal(2, (await (await askTwo).Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("retrieval").GetArrayLength());
            Assert.Equal(6, (await (await askSix).Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("retrieval").GetArrayLength());
        }
    }

    [Fact]
    public async Task Search_returns_scored_chunks_best_first_and_honours_the_path_filter()
    {
        using var client = corpus.Host.Client();
        var all = await Hits(await client.PostAsJsonAsync("/v1/search", new { query = "reward model human preferences", top_k = 5 }, Ct));
        Assert.InRange(all.GetArrayLength(), 1, 5);
        var scores = all.EnumerateArray().Select(h => h.GetProperty("score").GetDouble()).ToList();
        Assert.Equal(scores.OrderByDescending(s => s), scores);
        Assert.Equal(1, all[0].GetProperty("rank").GetInt32());
        Assert.False(string.IsNullOrEmpty(all[0].GetProperty("text").GetString()));

        var filtered = await Hits(await client.PostAsJsonAsync("/v1/search",
            new { query = "reward model human preferences", top_k = 5, filters = new { path_prefix = "tokens" } }, Ct));
        Assert.NotEmpty(filtered.EnumerateArray());
        Assert.All(filtered.EnumerateArray(), h => Assert.StartsWith("tokens", h.GetProperty("source").GetString(), StringComparison.Ordinal));
    }

    private static async Task<JsonElement> Hits(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("hits");
        }
    }
}
