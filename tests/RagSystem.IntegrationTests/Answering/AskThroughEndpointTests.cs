using System.Text.Json;
using RagSystem.Testing;

namespace RagSystem.IntegrationTests.Answering;

/// <summary><c>rag ask</c> through the real CLI with <c>Generator:Endpoint</c> pointing at a loopback OpenAI-compatible
/// server: the same prompt, citations and <c>not_found</c> logic as with the local model.</summary>
public sealed class AskThroughEndpointTests : IAsyncDisposable
{
    private const string Question = "Why does a language model need a KV cache during generation?";
    private readonly OpenAiCompatibleServer _server = new(_ => "The cache keeps past keys and values so each step reuses them [1].", HashedWords);
    private readonly TempDirectory _data = new();

    private Dictionary<string, string> Environment => new()
    {
        ["RAG__Generator__Endpoint"] = _server.BaseUrl,
        ["RAG__Generator__Model"] = "served-model",
        ["RAG__Generator__ApiKey"] = "sk-loopback",
    };

    [Fact]
    public async Task Json_IsGenerative_WithTheServersTextAndCorpusCitations()
    {
        var run = await RagProcess.RunAsync(["ask", Question, "--docs", RepositoryRoot.Corpus, "--data", _data.Path, "--json"], environment: Environment);
        Assert.True(run.ExitCode == 0, run.ToString());
        using var doc = JsonDocument.Parse(run.StandardOutput);
        var answer = doc.RootElement;

        Assert.Equal("generative", answer.GetProperty("mode").GetString());
        Assert.Contains("The cache keeps past keys and values", answer.GetProperty("answer").GetString());
        var citation = Assert.Single(answer.GetProperty("citations").EnumerateArray());
        Assert.Equal(1, citation.GetProperty("n").GetInt32());
        Assert.True(File.Exists(Path.Combine(RepositoryRoot.Corpus, citation.GetProperty("source").GetString()!)));
        var request = Assert.Single(_server.Requests);
        Assert.Equal("Bearer sk-loopback", request.Authorization);
        // The answer prompt carries the question and numbered passages, as for the local model.
        var prompt = request.Body["messages"]!.ToJsonString();
        Assert.Contains("KV cache", prompt);
        Assert.Contains("[1]", prompt);
    }

    [Fact]
    public async Task Streaming_PrintsTheServersText_AndTheSources()
    {
        var run = await RagProcess.RunAsync(["ask", Question, "--docs", RepositoryRoot.Corpus, "--data", _data.Path], environment: Environment);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("The cache keeps past keys and values so each step reuses them [1].", run.StandardOutput);
        Assert.True(Assert.Single(_server.Requests).Body["stream"]!.GetValue<bool>());
    }

    [Fact]
    public async Task AnUnanswerableQuestion_IsNotFound_WithoutAskingTheServer()
    {
        var line = File.ReadLines(Path.Combine(RepositoryRoot.Corpus, "unanswerable.jsonl")).First();
        var question = JsonDocument.Parse(line).RootElement.GetProperty("question").GetString()!;
        var run = await RagProcess.RunAsync(["ask", question, "--docs", RepositoryRoot.Corpus, "--data", _data.Path, "--json"], environment: Environment);
        Assert.True(run.ExitCode == 0, run.ToString());
        using var doc = JsonDocument.Parse(run.StandardOutput);
        Assert.Equal("not_found", doc.RootElement.GetProperty("mode").GetString());
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task EmbeddingEndpoint_EmbedsTheCorpusAndTheQuestion()
    {
        var environment = Environment;
        environment["RAG__Embedding__Endpoint"] = _server.BaseUrl;
        environment["RAG__Embedding__Model"] = "served-embedder";
        var run = await RagProcess.RunAsync(["ask", Question, "--docs", RepositoryRoot.Corpus, "--data", _data.Path, "--json"], environment: environment);
        Assert.True(run.ExitCode == 0, run.ToString());
        using var doc = JsonDocument.Parse(run.StandardOutput);
        Assert.Equal("generative", doc.RootElement.GetProperty("mode").GetString());
        var embeddingCalls = _server.Requests.Where(r => r.Path == "/v1/embeddings").ToList();
        Assert.True(embeddingCalls.Count >= 2, "ingestion and the question should both be embedded by the server");
        Assert.All(embeddingCalls, r => Assert.Equal("served-embedder", r.Body["model"]!.GetValue<string>()));
        Assert.Contains(embeddingCalls, r => r.Body["input"]!.ToJsonString().Contains("KV cache", StringComparison.Ordinal));
    }

    // A deterministic bag-of-words vector: enough for dense retrieval to find passages that share words with the question.
    // The bucket comes from FNV-1a, not string.GetHashCode, which .NET seeds afresh in every process: with it, which words
    // collided changed from run to run, and about one run in ten the 64-bucket vectors ranked the KV-cache passage sixth,
    // below the evidence window, and the answer was not_found. 256 buckets of a fixed hash keep the dense half meaningful.
    private static float[] HashedWords(string text)
    {
        const int dimensions = 256;
        var vector = new float[dimensions];
        foreach (var word in text.ToLowerInvariant().Split([' ', '\n', '.', ',', '?'], StringSplitOptions.RemoveEmptyEntries))
            vector[StableHash(word) % dimensions] += 1;
        return vector;
    }

    private static uint StableHash(string word)
    {
        var hash = 2166136261u;
        foreach (var c in word) hash = (hash ^ c) * 16777619u;
        return hash;
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _data.Dispose();
    }
}
