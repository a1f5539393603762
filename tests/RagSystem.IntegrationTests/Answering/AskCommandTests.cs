using System.Text.Json;
using RagSystem.Testing;

namespace RagSystem.IntegrationTests.Answering;

/// <summary><c>rag ask --json --docs corpus</c> through the real CLI process, in each of its three modes.</summary>
public sealed class AskCommandTests
{
    private static readonly string[] CorpusFiles = Directory.GetFiles(RepositoryRoot.Corpus).Select(Path.GetFileName).ToArray()!;

    private static async Task<JsonElement> AskAsync(string question, string data, string? modelsDir = null)
    {
        var env = modelsDir is null ? null : new Dictionary<string, string> { ["RAG_MODELS_DIR"] = modelsDir };
        var run = await RagProcess.RunAsync(["ask", question, "--docs", RepositoryRoot.Corpus, "--data", data, "--json"], environment: env);
        Assert.True(run.ExitCode == 0, run.ToString());
        using var doc = JsonDocument.Parse(run.StandardOutput);
        return doc.RootElement.Clone();
    }

    private static void AssertCitationsPointAtRealFiles(JsonElement answer)
    {
        var citations = answer.GetProperty("citations").EnumerateArray().ToList();
        Assert.NotEmpty(citations);
        foreach (var c in citations)
        {
            Assert.Contains(c.GetProperty("source").GetString(), CorpusFiles);
            Assert.False(string.IsNullOrWhiteSpace(c.GetProperty("text").GetString()));
            Assert.True(c.GetProperty("n").GetInt32() >= 1);
            var page = c.GetProperty("page");
            if (c.GetProperty("source").GetString()!.EndsWith(".pdf", StringComparison.Ordinal)) Assert.True(page.GetInt32() >= 1);
            else Assert.Equal(JsonValueKind.Null, page.ValueKind);
        }
    }

    [Fact]
    public async Task Without_models_the_answer_is_extractive_with_citations()
    {
        using var data = new TempDirectory();
        var answer = await AskAsync("Why does a language model need a KV cache during generation?", data.Path);
        Assert.Equal("extractive", answer.GetProperty("mode").GetString());
        AssertCitationsPointAtRealFiles(answer);
        Assert.Contains("[1]", answer.GetProperty("answer").GetString());
        Assert.True(answer.GetProperty("timings").GetProperty("total_ms").GetDouble() > 0);
    }

    [Fact]
    public async Task A_question_the_corpus_cannot_answer_is_not_found()
    {
        using var data = new TempDirectory();
        foreach (var line in File.ReadLines(Path.Combine(RepositoryRoot.Corpus, "unanswerable.jsonl")))
        {
            var question = JsonDocument.Parse(line).RootElement.GetProperty("question").GetString()!;
            var answer = await AskAsync(question, data.Path);
            Assert.Equal("not_found", answer.GetProperty("mode").GetString());
            Assert.Empty(answer.GetProperty("citations").EnumerateArray());
        }
    }

    [Fact]
    public async Task With_the_tiny_llama_generator_the_answer_is_generative_with_citations()
    {
        var model = SharedData.Find("models", "tiny-random-llama-fp16");
        if (model is null) Assert.Skip(SharedData.MissingReason("models", "tiny-random-llama-fp16")!);
        using var models = new TempDirectory();
        Directory.CreateSymbolicLink(Path.Combine(models.Path, "generator"), model);
        using var data = new TempDirectory();
        // No name in the question: "PDF" would be an anchor term that the RLHF text never mentions, and the answer not_found.
        var answer = await AskAsync("How does reinforcement learning from human feedback use the preferences of human raters?", data.Path, models.Path);
        Assert.Equal("generative", answer.GetProperty("mode").GetString());
        AssertCitationsPointAtRealFiles(answer);
        Assert.Contains(answer.GetProperty("citations").EnumerateArray(), c => c.GetProperty("source").GetString()!.EndsWith(".pdf", StringComparison.Ordinal));
        Assert.True(answer.GetProperty("timings").GetProperty("generation_ms").GetDouble() > 0);
    }
}
