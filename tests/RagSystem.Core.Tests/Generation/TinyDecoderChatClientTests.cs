using Microsoft.Extensions.AI;
using RagSystem.Generation;
using RagSystem.Onnx;
using RagSystem.Testing;
using RagSystem.Testing.Onnx;

namespace RagSystem.Core.Tests.Generation;

/// <summary><see cref="OnnxChatClient"/> on the decoder built in C#.</summary>
public sealed class TinyDecoderChatClientTests : IDisposable
{
    private static readonly ChatMessage[] Messages = [new(ChatRole.System, "Be brief."), new(ChatRole.User, "Why cache keys?")];
    private readonly TempDirectory _dir = new("tiny-chat");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private OnnxChatClient Create(TinyDecoderOptions? model = null, bool underOnnx = true, GeneratorOptions? options = null, OnnxRuntimeOptions? runtime = null)
    {
        TinyDecoderFolder.Write(_dir.Path, model, underOnnx);
        var client = OnnxChatClient.TryCreate(_dir.Path, out var reason, options, runtime);
        Assert.True(client is not null, reason);
        return client;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task StreamingEqualsNonStreaming_InBothFolderLayouts(bool underOnnx)
    {
        using var client = Create(underOnnx: underOnnx);
        Assert.Equal("chatml", client.Template.Name);
        var options = new ChatOptions { MaxOutputTokens = 30 };
        var response = await client.GetResponseAsync(Messages, options, Ct);
        var pieces = new List<string>();
        await foreach (var u in client.GetStreamingResponseAsync(Messages, options, Ct)) pieces.Add(u.Text);
        Assert.Equal(response.Text, string.Concat(pieces));
        Assert.Equal(30, response.Usage!.OutputTokenCount);
    }

    [Fact]
    public async Task EosToken_EndsTheReplyWithoutText()
    {
        using var client = Create(new TinyDecoderOptions { FavouredTokenId = ByteLevelTokenizerJson.EndOfText });
        var response = await client.GetResponseAsync(Messages, new ChatOptions { MaxOutputTokens = 30 }, Ct);
        Assert.Equal(string.Empty, response.Text);
        Assert.Equal(1, response.Usage!.OutputTokenCount);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
    }

    [Fact]
    public async Task TemplateStopToken_ImEnd_EndsTheReply()
    {
        using var client = Create(new TinyDecoderOptions { FavouredTokenId = ByteLevelTokenizerJson.ImEnd });
        Assert.Contains(ByteLevelTokenizerJson.ImEnd, client.StopTokenIds);
        var response = await client.GetResponseAsync(Messages, new ChatOptions { MaxOutputTokens = 30 }, Ct);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(string.Empty, response.Text);
    }

    [Fact]
    public async Task Cancelling_FromATokenCallback_StopsWithinOneStep()
    {
        using var client = Create();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var produced = 0;
        client.TokenObserver = _ => { if (++produced == 3) cts.Cancel(); };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in client.GetStreamingResponseAsync(Messages, new ChatOptions { MaxOutputTokens = 100 }, cts.Token)) { }
        });
        Assert.InRange(produced, 3, 4);
    }

    [Fact]
    public async Task SeededSampling_Reproduces_AndTopK1IsGreedy()
    {
        using var client = Create();
        ChatOptions Sampled(long seed, int topK = 0) => new() { MaxOutputTokens = 25, Temperature = 4f, TopK = topK, Seed = seed };
        var a = await client.GetResponseAsync(Messages, Sampled(11), Ct);
        var b = await client.GetResponseAsync(Messages, Sampled(11), Ct);
        var c = await client.GetResponseAsync(Messages, Sampled(12), Ct);
        Assert.Equal(a.Text, b.Text);
        Assert.NotEqual(a.Text, c.Text);
        var greedy = await client.GetResponseAsync(Messages, new ChatOptions { MaxOutputTokens = 25 }, Ct);
        Assert.Equal(greedy.Text, (await client.GetResponseAsync(Messages, Sampled(5, topK: 1), Ct)).Text);
    }

    [Fact]
    public async Task ContextWindow_FromConfig_LimitsTheReply()
    {
        using var client = Create(new TinyDecoderOptions { MaxPositions = 80 });
        var prompt = client.Tokenizer.Encode(client.Template.Render(Messages)).Count;
        var response = await client.GetResponseAsync(Messages, new ChatOptions { MaxOutputTokens = 500 }, Ct);
        Assert.Equal(80 - prompt, response.Usage!.OutputTokenCount);
        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
        await Assert.ThrowsAsync<ContextWindowExceededException>(() =>
            client.GetResponseAsync([new ChatMessage(ChatRole.User, new string('x', 200))], cancellationToken: Ct));
    }

    [Fact]
    public void TryCreate_ExplainsWhatIsMissing()
    {
        Assert.Null(OnnxChatClient.TryCreate(_dir.Path, out var reason));
        Assert.Contains("no ONNX decoder", reason);

        TinyDecoderFolder.Write(_dir.Path);
        File.Delete(Path.Combine(_dir.Path, "tokenizer.json"));
        Assert.Null(OnnxChatClient.TryCreate(_dir.Path, out reason));
        Assert.Contains("tokenizer", reason);
    }

    [Fact]
    public void RagModelJson_NamesTheTemplate()
    {
        TinyDecoderFolder.Write(_dir.Path);
        File.WriteAllText(Path.Combine(_dir.Path, "rag-model.json"), """{"chat_template": "phi3"}""");
        using var client = OnnxChatClient.TryCreate(_dir.Path, out var reason);
        Assert.True(client is not null, reason);
        Assert.Equal("phi3", client.Template.Name);
    }

    [Fact]
    public void UnknownProvider_IsAConfigurationError_NotAMissingModel()
    {
        TinyDecoderFolder.Write(_dir.Path);
        var error = Assert.Throws<OnnxExecutionProviderException>(
            () => OnnxChatClient.TryCreate(_dir.Path, out _, runtime: new OnnxRuntimeOptions { ExecutionProvider = "tpu" }));
        Assert.Contains("tpu", error.Message);
    }

    public void Dispose() => _dir.Dispose();
}
