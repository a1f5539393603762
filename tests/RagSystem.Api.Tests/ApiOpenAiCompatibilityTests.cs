using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text;
using OpenAI;
using OpenAI.Chat;
using RagSystem.Testing;
using RagSystem.Testing.Onnx;

namespace RagSystem.Api.Tests;

/// <summary>The official OpenAI .NET client against our endpoints: it must parse every response, streaming included.</summary>
public sealed class ApiOpenAiCompatibilityTests
{
    private const string Key = "openai-client-key-1";
    private const string Question = "What is retrieval-augmented generation?";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<ApiTestHost> StartAsync(Action<string> models)
    {
        var host = new ApiTestHost(new Dictionary<string, string?> { ["RAG_API_KEYS"] = Key + ":rw" }, models: models);
        using var client = host.Client(Key);
        await ApiTestHost.IngestAsync(client, "corpus", Ct);
        return host;
    }

    private static void TinyEncoder(string models) => TinyModelFolder.WriteEncoder(Path.Combine(models, "embedding"));

    // Chat answers come from lexical retrieval here: a random-weight encoder would rank passages at random.
    private static void NoModels(string models) { }

    /// <summary>An OpenAI client whose requests go to the in-process server, with our key as its bearer token.</summary>
    private static OpenAIClient OpenAi(ApiTestHost host) =>
        new(new ApiKeyCredential(Key), new OpenAIClientOptions
        {
            Endpoint = new Uri(host.Server.BaseAddress, "/v1"),
            Transport = new HttpClientPipelineTransport(host.CreateClient()),
        });

    [Fact]
    public async Task Api_openai_client_completes_a_chat_with_citations_in_the_message()
    {
        await using var host = await StartAsync(NoModels);
        var chat = OpenAi(host).GetChatClient("rag");
        ChatCompletion completion = await chat.CompleteChatAsync([new SystemChatMessage("Be brief."), new UserChatMessage(Question)], cancellationToken: Ct);
        Assert.Equal(ChatMessageRole.Assistant, completion.Role);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        var text = completion.Content[0].Text;
        Assert.True(text.Contains("Sources:", StringComparison.Ordinal), text);
        // The extractive answer cites whichever passages hold its sentences; the source list names the expected file.
        Assert.Matches(@"\n\[\d+\] retrieval-augmented-generation\.md", text);
        Assert.StartsWith("chatcmpl-", completion.Id, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_openai_client_streams_a_chat_completion_to_the_end()
    {
        await using var host = await StartAsync(NoModels);
        var chat = OpenAi(host).GetChatClient("rag");
        var text = new StringBuilder();
        ChatFinishReason? finish = null;
        var updates = 0;
        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage(Question)], cancellationToken: Ct))
        {
            updates++;
            foreach (var part in update.ContentUpdate) text.Append(part.Text);
            finish ??= update.FinishReason;
        }
        Assert.True(updates >= 3, $"expected a role chunk, content chunks and a final chunk; got {updates}");
        Assert.Equal(ChatFinishReason.Stop, finish);
        Assert.Contains("Sources:", text.ToString(), StringComparison.Ordinal);
        Assert.Matches(@"\n\[\d+\] retrieval-augmented-generation\.md", text.ToString());
    }

    [Fact]
    public async Task Api_openai_client_lists_the_models_and_embeds_with_the_local_encoder()
    {
        await using var host = new ApiTestHost(new Dictionary<string, string?> { ["RAG_API_KEYS"] = Key + ":ro" }, models: TinyEncoder);
        var client = OpenAi(host);
        var models = (await client.GetOpenAIModelClient().GetModelsAsync(Ct)).Value.Select(m => m.Id).ToList();
        Assert.Contains("rag", models);
        Assert.Contains("tiny/bert", models);

        var embeddings = (await client.GetEmbeddingClient("tiny/bert").GenerateEmbeddingsAsync(["a kiwi is a bird", "a token is a piece of text"], cancellationToken: Ct)).Value;
        Assert.Equal(2, embeddings.Count);
        var first = embeddings[0].ToFloats().ToArray();
        var second = embeddings[1].ToFloats().ToArray();
        Assert.Equal(32, first.Length);
        Assert.Equal(1.0, Math.Sqrt(first.Sum(x => (double)x * x)), 3);
        Assert.NotEqual(first, second);

        // The same text gives the same vector as the encoder gives the server itself.
        var again = (await client.GetEmbeddingClient("tiny/bert").GenerateEmbeddingAsync("a kiwi is a bird", cancellationToken: Ct)).Value.ToFloats().ToArray();
        Assert.Equal(first, again);
    }

    [Fact]
    public async Task Api_embeddings_without_an_encoder_are_503_with_a_hint()
    {
        await using var host = new ApiTestHost();
        using var client = host.Client();
        using var response = await client.PostAsync("/v1/embeddings",
            new StringContent("""{"input": "x", "model": "m"}""", Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("rag models pull", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_openai_client_gets_a_generated_answer_from_the_tiny_llama()
    {
        var llama = SharedData.Find("models", "tiny-random-llama-fp16");
        if (llama is null) Assert.Skip(SharedData.MissingReason("models", "tiny-random-llama-fp16")!);
        await using var host = await StartAsync(models => Directory.CreateSymbolicLink(Path.Combine(models, "generator"), llama));
        var chat = OpenAi(host).GetChatClient("rag");
        var options = new ChatCompletionOptions { MaxOutputTokenCount = 12 };
        ChatCompletion completion = await chat.CompleteChatAsync([new UserChatMessage(Question)], options, Ct);
        Assert.False(string.IsNullOrWhiteSpace(completion.Content[0].Text));

        var pieces = 0;
        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage(Question)], options, Ct))
        {
            pieces += update.ContentUpdate.Count(p => p.Text.Length > 0);
        }
        Assert.True(pieces >= 2, "a generated answer streams in several pieces");
    }
}
