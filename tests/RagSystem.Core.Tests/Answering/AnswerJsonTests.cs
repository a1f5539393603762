using System.Text.Json;
using RagSystem.Answering;

namespace RagSystem.Core.Tests.Answering;

public sealed class AnswerJsonTests
{
    [Fact]
    public async Task Json_has_the_answer_mode_citations_and_timings_fields_the_cli_promises()
    {
        var retriever = new InMemoryRetriever(TestChunks.Corpus()) { KeepOrder = true };
        var answer = await new Answerer(retriever, new FakeChatClient("Byte-pair merges frequent pairs [2]."))
            .AskAsync("How does byte-pair encoding build its vocabulary?", cancellationToken: TestContext.Current.CancellationToken);

        using var json = JsonDocument.Parse(AnswerJson.Serialize(answer));
        var root = json.RootElement;
        Assert.Equal("Byte-pair merges frequent pairs [2].", root.GetProperty("answer").GetString());
        Assert.Equal("generative", root.GetProperty("mode").GetString());
        var citation = Assert.Single(root.GetProperty("citations").EnumerateArray());
        Assert.Equal(2, citation.GetProperty("n").GetInt32());
        Assert.Equal("papers/tokenization.pdf", citation.GetProperty("source").GetString());
        Assert.Equal(4, citation.GetProperty("page").GetInt32());
        Assert.StartsWith("Byte-pair encoding builds", citation.GetProperty("text").GetString());
        var timings = root.GetProperty("timings");
        foreach (var name in (string[])["retrieval_ms", "generation_ms", "total_ms"])
        {
            Assert.True(timings.GetProperty(name).GetDouble() >= 0, name);
        }
        Assert.Equal(JsonValueKind.Null, root.GetProperty("retrieval")[0].GetProperty("dense").ValueKind);
    }

    [Fact]
    public async Task Not_found_serializes_as_snake_case_with_a_null_page_for_unpaginated_sources()
    {
        var answer = await new Answerer(new InMemoryRetriever(TestChunks.Corpus()) { KeepOrder = true }, null)
            .AskAsync("sourdough proofing overnight temperature", cancellationToken: TestContext.Current.CancellationToken);
        using var json = JsonDocument.Parse(AnswerJson.Serialize(answer));
        Assert.Equal("not_found", json.RootElement.GetProperty("mode").GetString());
        Assert.Empty(json.RootElement.GetProperty("citations").EnumerateArray());

        var extractive = await new Answerer(new InMemoryRetriever(TestChunks.Corpus()), null)
            .AskAsync("What does the KV cache store?", cancellationToken: TestContext.Current.CancellationToken);
        using var json2 = JsonDocument.Parse(AnswerJson.Serialize(extractive));
        Assert.Equal("extractive", json2.RootElement.GetProperty("mode").GetString());
        Assert.Equal(JsonValueKind.Null, json2.RootElement.GetProperty("citations")[0].GetProperty("page").ValueKind);
    }
}
