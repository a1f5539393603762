using System.Text.Json;
using RagSystem.Testing;
using RagSystem.Testing.Onnx;

namespace RagSystem.IntegrationTests.Answering;

/// <summary><c>rag ask</c> with a generator whose reply is fixed by its weights ("Yes [2]."): the answer's citations are
/// exactly the passages its text cites, mapped to the right sources, not the fallback that lists every passage.</summary>
public sealed class GenerativeCitationsCommandTests
{
    private const string Reply = "Yes [2].";

    [Fact]
    public async Task The_cited_number_maps_to_that_passage_and_only_that_one()
    {
        using var models = new TempDirectory();
        TinyDecoderFolder.Write(Path.Combine(models.Path, "generator"), new TinyDecoderOptions { ScriptedReply = Reply, MaxPositions = 4096 });
        using var docs = new TempDirectory();
        docs.WriteFile("cache.md", "# KV cache\n\nThe KV cache stores the attention keys and values of earlier tokens, so decoding reuses them.");
        docs.WriteFile("heads.md", "# Attention heads\n\nEach attention head projects the keys and values of the tokens into its own subspace.");
        docs.WriteFile("garden.md", "# Garden\n\nTomatoes need six to eight hours of sunlight a day.");
        using var data = new TempDirectory();
        var env = new Dictionary<string, string> { ["RAG_MODELS_DIR"] = models.Path };

        var run = await RagProcess.RunAsync(["ask", "How are the attention keys and values of tokens used?", "--docs", docs.Path, "--data", data.Path, "--json"],
            environment: env);

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.StandardOutput);
        var answer = json.RootElement;
        Assert.Equal("generative", answer.GetProperty("mode").GetString());
        Assert.Equal(Reply, answer.GetProperty("answer").GetString());
        Assert.True(answer.GetProperty("citations_from_text").GetBoolean());
        var citation = Assert.Single(answer.GetProperty("citations").EnumerateArray());
        Assert.Equal(2, citation.GetProperty("n").GetInt32());
        var second = answer.GetProperty("retrieval").EnumerateArray().Single(r => r.GetProperty("n").ValueKind == JsonValueKind.Number && r.GetProperty("n").GetInt32() == 2);
        Assert.Equal(second.GetProperty("source").GetString(), citation.GetProperty("source").GetString());
        Assert.Equal(second.GetProperty("chunk_id").GetString(), citation.GetProperty("chunk_id").GetString());
        Assert.True(answer.GetProperty("retrieval").GetArrayLength() >= 2, "at least two passages were given to the model");
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("timings").GetProperty("first_token_ms").ValueKind); // not streamed

        var streamed = await RagProcess.RunAsync(["ask", "How are the attention keys and values of tokens used?", "--data", data.Path], environment: env);
        Assert.True(streamed.ExitCode == 0, streamed.ToString());
        Assert.StartsWith(Reply, streamed.StandardOutput);
        Assert.Contains("[2] " + citation.GetProperty("source").GetString(), streamed.StandardOutput);
        Assert.DoesNotContain("[1] ", streamed.StandardOutput);
    }
}
