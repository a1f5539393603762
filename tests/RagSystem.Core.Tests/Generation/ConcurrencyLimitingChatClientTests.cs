using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RagSystem.Generation;
using RagSystem.Testing;
using RagSystem.Testing.Onnx;

namespace RagSystem.Core.Tests.Generation;

public sealed class ConcurrencyLimitingChatClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string> StreamAsync(IChatClient client, CancellationToken ct)
    {
        var text = "";
        await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")], cancellationToken: ct)) text += update.Text;
        return text;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        while (!condition()) await Task.Delay(5, Ct);
    }

    [Fact]
    public async Task No_more_than_the_limit_generate_at_once_and_the_others_wait_their_turn()
    {
        var inner = new GateChatClient();
        using var limited = new ConcurrencyLimitingChatClient(inner, maxConcurrentGenerations: 2);
        var calls = Enumerable.Range(0, 5)
            .Select(i => i % 2 == 0 ? StreamAsync(limited, Ct) : limited.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], cancellationToken: Ct).ContinueWith(t => t.Result.Text, Ct))
            .ToList();
        await WaitUntilAsync(() => inner.Started == 2);
        await Task.Delay(100, Ct);
        Assert.Equal(2, inner.Started);
        Assert.Equal(2, limited.RunningGenerations);

        inner.Open();
        Assert.All(await Task.WhenAll(calls), text => Assert.Equal("done", text));
        Assert.Equal(2, inner.MaxRunning);
        Assert.Equal(0, limited.RunningGenerations);
    }

    [Fact]
    public async Task A_caller_that_gives_up_while_waiting_leaves_without_taking_a_slot()
    {
        var inner = new GateChatClient();
        using var limited = new ConcurrencyLimitingChatClient(inner, maxConcurrentGenerations: 1);
        var first = StreamAsync(limited, Ct);
        await WaitUntilAsync(() => inner.Started == 1);
        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var waiting = StreamAsync(limited, giveUp.Token);
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(1, inner.Started);

        inner.Open();
        Assert.Equal("done", await first);
        Assert.Equal("done", await StreamAsync(limited, Ct));
    }

    [Fact]
    public async Task The_installed_generator_is_registered_as_IChatClient_behind_telemetry_and_the_configured_limit()
    {
        using var temp = new TempDirectory();
        TinyDecoderFolder.Write(Path.Combine(temp.Path, "models", "generator"));
        File.WriteAllText(Path.Combine(temp.Path, "models", "generator", "rag-model.json"), """{"chat_template": "chatml"}""");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("Generator:MaxConcurrentGenerations", "3")]).Build();
        var services = new ServiceCollection();
        services.AddRagSystem(configuration, o => { o.DataDirectory = Path.Combine(temp.Path, "data"); o.ModelsDirectory = Path.Combine(temp.Path, "models"); });
        await using var provider = services.BuildServiceProvider();

        var chat = provider.GetRequiredService<IChatClient>();
        Assert.Same(provider.GetRequiredService<RagModels>().ChatClient, chat);
        Assert.Equal(3, chat.GetService<ConcurrencyLimitingChatClient>()!.MaxConcurrentGenerations);
        Assert.Equal("RagSystem", chat.GetService<ActivitySource>()!.Name);
        Assert.NotNull(chat.GetService<OnnxChatClient>());
        // No embedding model installed: the service resolves to null rather than failing.
        Assert.Null(provider.GetService<IEmbeddingGenerator<string, Embedding<float>>>());
    }
}
