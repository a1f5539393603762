using System.Net.Http.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using RagSystem.Generation;
using RagSystem.Testing.Onnx;

namespace RagSystem.Api.Tests;

/// <summary>A client that goes away in the middle of a streamed answer stops the generation: with steps paced at 10 ms, the
/// decoder takes at most a few dozen steps (the time the abort needs to reach it on a loaded machine) after the disconnect, and
/// its one generation slot is free for the next question.</summary>
public sealed class ApiStreamCancellationTests(ITestOutputHelper output)
{
    private const int AnswerBudget = 1500;
    private const int StepPace = 10;
    // Steps of 10 ms: 50 steps is half a second for the abort to reach the decoder on a loaded 2-core machine, and still a
    // thirtieth of the budget that a decoder ignoring the abort would run through.
    private const int StepsAllowedAfterDisconnect = 50;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Api_client_disconnect_cancels_the_streamed_generation_and_frees_the_decoder()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Rag:Answering:MaxAnswerTokens"] = AnswerBudget.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Rag:Generator:MaxNewTokens"] = AnswerBudget.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Rag:Generator:MaxConcurrentGenerations"] = "1",
        };
        // A decoder that always picks one printable byte never stops by itself: only the budget or a cancellation ends it.
        await using var host = new ApiTestHost(settings, models: models => TinyDecoderFolder.Write(Path.Combine(models, "generator"),
            new TinyDecoderOptions { MaxPositions = 4096, FavouredTokenId = 65 }));
        using var client = host.Client();
        await ApiTestHost.IngestAsync(client, "corpus", Ct);
        var decoder = host.Services.GetRequiredService<RagModels>().ChatClient!.GetService<OnnxChatClient>()!;
        var tokens = 0;
        // Paced: unpaced, the tiny decoder writes over a thousand tokens into the in-memory response before the client has
        // read three events, so the disconnect would land after the budget ran out rather than mid-generation.
        decoder.TokenObserver = _ =>
        {
            Interlocked.Increment(ref tokens);
            Thread.Sleep(StepPace);
        };

        using var abort = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/query")
        {
            Content = JsonContent.Create(new { question = "What is retrieval-augmented generation?", stream = true }),
        };
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, abort.Token);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync(abort.Token));
        var tokenEvents = 0;
        while (tokenEvents < 3 && await reader.ReadLineAsync(abort.Token) is { } line)
        {
            if (line == "event: token") tokenEvents++;
        }
        Assert.Equal(3, tokenEvents);
        await abort.CancelAsync();
        response.Dispose();
        var atDisconnect = Volatile.Read(ref tokens);

        // Wait until the decoder has been still for half a second.
        var last = -1;
        for (var i = 0; i < 100 && last != Volatile.Read(ref tokens); i++)
        {
            last = Volatile.Read(ref tokens);
            await Task.Delay(500, Ct);
        }
        var final = Volatile.Read(ref tokens);
        output.WriteLine($"{atDisconnect} tokens when the client went away, {final} in all (budget {AnswerBudget})");
        Assert.True(final < AnswerBudget / 2, $"the generation ran on after the disconnect: {final} tokens of {AnswerBudget}");
        Assert.True(final - atDisconnect <= StepsAllowedAfterDisconnect,
            $"{final - atDisconnect} tokens were generated after the disconnect ({atDisconnect} before)");

        // The single generation slot is free: a new question is answered rather than queued behind the abandoned one.
        decoder.TokenObserver = null;
        using var limiter = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(Ct, limiter.Token);
        var concurrency = host.Services.GetRequiredService<RagModels>().ChatClient!.GetService<ConcurrencyLimitingChatClient>();
        Assert.NotNull(concurrency);
        var answered = await concurrency.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")],
            new ChatOptions { MaxOutputTokens = 2 }, linked.Token);
        Assert.Equal(2, answered.Usage!.OutputTokenCount);
    }
}
