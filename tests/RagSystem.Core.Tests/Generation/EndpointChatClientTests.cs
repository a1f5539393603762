using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using RagSystem.Answering;
using RagSystem.Embeddings;
using RagSystem.Generation;
using RagSystem.Onnx;
using RagSystem.Testing;

namespace RagSystem.Core.Tests.Generation;

/// <summary>The OpenAI-compatible backends against a loopback server that speaks the protocol.</summary>
public sealed class EndpointChatClientTests : IAsyncDisposable
{
    private static readonly ChatMessage[] Messages = [new(ChatRole.System, "Answer from the context."), new(ChatRole.User, "Why cache keys?")];
    private readonly OpenAiCompatibleServer _server = new(
        messages => $"Echo of {messages.Count} messages: {messages[^1].Content} [1]",
        text => [text.Length, text.Count(c => c == ' '), 1f]);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private GeneratorOptions Options(string? key = "sk-test") => new() { Endpoint = _server.BaseUrl, ApiKey = key, Model = "qwen2.5:0.5b", MaxNewTokens = 77, ContextLength = 8192 };

    [Fact]
    public async Task NonStreamingAndStreaming_GiveTheServersReply_WithTheGeneratorDefaults()
    {
        using var client = EndpointChatClient.Create(Options());

        var response = await client.GetResponseAsync(Messages, cancellationToken: Ct);
        var pieces = new List<string>();
        await foreach (var update in client.GetStreamingResponseAsync(Messages, cancellationToken: Ct)) pieces.Add(update.Text);

        Assert.Equal("Echo of 2 messages: Why cache keys? [1]", response.Text);
        Assert.Equal(response.Text, string.Concat(pieces));
        Assert.True(pieces.Count(p => p.Length > 0) > 1, "the stream should arrive in pieces");
        var requests = _server.Requests;
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.Equal("/v1/chat/completions", r.Path));
        Assert.All(requests, r => Assert.Equal("Bearer sk-test", r.Authorization));
        Assert.All(requests, r => Assert.Equal("qwen2.5:0.5b", r.Body["model"]!.GetValue<string>()));
        // GeneratorOptions.MaxNewTokens reaches the wire (the SDK names it max_completion_tokens).
        Assert.All(requests, r => Assert.Equal(77, (r.Body["max_completion_tokens"] ?? r.Body["max_tokens"])!.GetValue<int>()));
        Assert.Equal("system", requests[0].Body["messages"]![0]!["role"]!.GetValue<string>());
        Assert.True(requests[1].Body["stream"]!.GetValue<bool>());
        Assert.Equal(new ChatModelLimits(8192, 77), client.GetService<ChatModelLimits>());
    }

    [Fact]
    public async Task PerCallOptions_WinOverTheDefaults()
    {
        using var client = EndpointChatClient.Create(Options());
        await client.GetResponseAsync(Messages, new ChatOptions { MaxOutputTokens = 5 }, Ct);
        Assert.Equal(5, (_server.Requests[0].Body["max_completion_tokens"] ?? _server.Requests[0].Body["max_tokens"])!.GetValue<int>());
    }

    [Fact]
    public void Factory_PicksTheEndpoint_AndRejectsIncompleteSettings()
    {
        using var sessions = new OnnxSessionFactory();
        var options = new RagOptions { ModelsDirectory = "/nonexistent", Generator = Options() };
        using var client = ChatClientFactory.TryCreate(options, sessions, NullLoggerFactory.Instance, out var notice);
        Assert.IsType<EndpointChatClient>(client);
        Assert.Null(notice);

        options.Generator.Model = null;
        var error = Assert.Throws<RagConfigurationException>(() => ChatClientFactory.TryCreate(options, sessions, NullLoggerFactory.Instance, out _));
        Assert.Contains("Generator:Model", error.Message);
        options.Generator = new GeneratorOptions { Endpoint = "localhost:11434", Model = "m" };
        error = Assert.Throws<RagConfigurationException>(() => ChatClientFactory.TryCreate(options, sessions, NullLoggerFactory.Instance, out _));
        Assert.Contains("Generator:Endpoint", error.Message);
    }

    [Fact]
    public async Task EmbeddingEndpoint_ReturnsTheServersVectors_WithTheQueryPrefix()
    {
        using var generator = EndpointEmbeddingGenerator.Create(new EmbeddingModelOptions
        {
            Endpoint = _server.BaseUrl, Model = "bge-small", QueryPrefix = "query: ",
        });
        var passages = await generator.GenerateAsync(["kv cache", "a b c"], cancellationToken: Ct);
        var query = await generator.GenerateAsync(["kv cache"], new EmbeddingGenerationOptions
        {
            AdditionalProperties = new() { [EmbeddingInputKind.PropertyName] = EmbeddingInputKind.Query },
        }, Ct);

        Assert.Equal([8f, 1f, 1f], passages[0].Vector.ToArray());
        Assert.Equal([5f, 2f, 1f], passages[1].Vector.ToArray());
        Assert.Equal([15f, 2f, 1f], query[0].Vector.ToArray()); // "query: kv cache"
        Assert.All(_server.Requests, r => Assert.Equal("/v1/embeddings", r.Path));
        // Without Embedding:ApiKey a placeholder goes out (the SDK requires one); keyless servers ignore it.
        Assert.Equal("Bearer no-key", _server.Requests[0].Authorization);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
