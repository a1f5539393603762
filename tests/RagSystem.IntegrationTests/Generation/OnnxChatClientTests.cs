using Microsoft.Extensions.AI;
using RagSystem.Generation;

namespace RagSystem.IntegrationTests.Generation;

/// <summary>Behaviour of <see cref="OnnxChatClient"/> on forge's tiny-llama (GPT-2 tokenizer, ChatML template, GQA).</summary>
public sealed class OnnxChatClientTests
{
    private static readonly ChatMessage[] Question =
    [
        new(ChatRole.System, "Answer from the context."),
        new(ChatRole.User, "What is a KV cache?"),
    ];

    private static async Task<OnnxChatClient> CreateAsync(GeneratorOptions? options = null)
    {
        var dir = await RealDecoderKvCacheTests.ForgeAsync("tiny-llama");
        var client = OnnxChatClient.TryCreate(dir, out var reason, options);
        Assert.True(client is not null, reason);
        return client;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TryCreate_ReadsTemplateAndStopIds_AndReportsMissingFolders()
    {
        using var client = await CreateAsync();
        Assert.Equal("chatml", client.Template.Name);
        Assert.Contains(50256, client.StopTokenIds);
        Assert.Null(OnnxChatClient.TryCreate("/nonexistent/model", out var reason));
        Assert.Contains("/nonexistent/model", reason);
        Assert.Null(OnnxChatClient.TryCreate(null, out reason));
        Assert.Contains("rag models pull", reason);
    }

    [Fact]
    public async Task Streaming_GivesTheSameTextAsNonStreaming_WithUsage()
    {
        using var client = await CreateAsync();
        var options = new ChatOptions { MaxOutputTokens = 24 };
        var response = await client.GetResponseAsync(Question, options, Ct);
        var streamed = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync(Question, options, Ct)) streamed.Add(update);

        Assert.False(string.IsNullOrEmpty(response.Text));
        Assert.Equal(response.Text, string.Concat(streamed.Select(u => u.Text)));
        Assert.True(streamed.Count(u => u.Text.Length > 0) > 3, "text should arrive in several pieces");
        Assert.Equal(24, response.Usage!.OutputTokenCount);
        Assert.Equal(client.Tokenizer.Encode(client.Template.Render(Question)).Count, response.Usage.InputTokenCount);
        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
    }

    [Fact]
    public async Task Cancelling_StopsWithinOneStep()
    {
        using var client = await CreateAsync();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var produced = 0;
        const int cancelAfter = 5;
        client.TokenObserver = _ => { if (++produced == cancelAfter) cts.Cancel(); };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetResponseAsync(Question, new ChatOptions { MaxOutputTokens = 200 }, cts.Token));
        Assert.InRange(produced, cancelAfter, cancelAfter + 1);
    }

    [Fact]
    public async Task SeededSampling_IsReproducible_AndTopK1EqualsGreedy()
    {
        using var client = await CreateAsync();
        ChatOptions Sampled(long seed) => new() { MaxOutputTokens = 20, Temperature = 1.5f, TopP = 0.95f, TopK = 40, Seed = seed };
        var a = await client.GetResponseAsync(Question, Sampled(7), Ct);
        var b = await client.GetResponseAsync(Question, Sampled(7), Ct);
        var c = await client.GetResponseAsync(Question, Sampled(8), Ct);
        Assert.Equal(a.Text, b.Text);
        Assert.NotEqual(a.Text, c.Text);

        var greedy = await client.GetResponseAsync(Question, new ChatOptions { MaxOutputTokens = 20 }, Ct);
        var topK1 = await client.GetResponseAsync(Question, new ChatOptions { MaxOutputTokens = 20, Temperature = 1.5f, TopK = 1, Seed = 3 }, Ct);
        Assert.Equal(greedy.Text, topK1.Text);
        Assert.NotEqual(greedy.Text, a.Text);
    }

    [Fact]
    public async Task StopSequence_EndsTheReply_AndIsNotEmitted()
    {
        using var client = await CreateAsync();
        var full = (await client.GetResponseAsync(Question, new ChatOptions { MaxOutputTokens = 40 }, Ct)).Text;
        Assert.True(full.Length > 20, full);
        var stop = full.Substring(full.Length / 2, 3);
        var expected = full[..full.IndexOf(stop, StringComparison.Ordinal)];

        var streamed = new List<string>();
        ChatFinishReason? finish = null;
        await foreach (var u in client.GetStreamingResponseAsync(Question, new ChatOptions { MaxOutputTokens = 40, StopSequences = [stop] }, Ct))
        {
            streamed.Add(u.Text);
            finish ??= u.FinishReason;
        }
        Assert.Equal(expected, string.Concat(streamed));
        Assert.Equal(ChatFinishReason.Stop, finish);
    }

    [Fact]
    public async Task MaxOutputTokens_IsHonoured()
    {
        using var client = await CreateAsync(new GeneratorOptions { MaxNewTokens = 7 });
        var byDefault = await client.GetResponseAsync(Question, cancellationToken: Ct);
        Assert.Equal(7, byDefault.Usage!.OutputTokenCount);
        var perCall = await client.GetResponseAsync(Question, new ChatOptions { MaxOutputTokens = 3 }, Ct);
        Assert.Equal(3, perCall.Usage!.OutputTokenCount);
        Assert.Equal(ChatFinishReason.Length, perCall.FinishReason);
    }

    [Fact]
    public async Task ContextOverflow_RejectsPromptsThatLeaveNoRoom_AndStopsRepliesAtTheWindow()
    {
        using var client = await CreateAsync(new GeneratorOptions { ContextLength = 80 });
        var promptTokens = client.Tokenizer.Encode(client.Template.Render(Question)).Count;
        Assert.InRange(promptTokens, 10, 79);

        var response = await client.GetResponseAsync(Question, new ChatOptions { MaxOutputTokens = 500 }, Ct);
        Assert.Equal(80 - promptTokens, response.Usage!.OutputTokenCount);
        Assert.Equal(ChatFinishReason.Length, response.FinishReason);

        var longQuestion = new[] { new ChatMessage(ChatRole.User, string.Join(' ', Enumerable.Repeat("context", 100))) };
        var ex = await Assert.ThrowsAsync<ContextWindowExceededException>(() => client.GetResponseAsync(longQuestion, cancellationToken: Ct));
        Assert.Equal(80, ex.ContextLength);
    }
}
