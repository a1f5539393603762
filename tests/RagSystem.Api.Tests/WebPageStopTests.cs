using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace RagSystem.Api.Tests;

/// <summary>Stopping a generation mid-stream, with the Stop button and with Esc: the page ends the answer early and goes back
/// to idle, and the server's generation is cancelled without an error.</summary>
public sealed class WebPageStopTests(GeneratingWebPageHost web) : IClassFixture<GeneratingWebPageHost>
{
    private const string Question = "How does nucleus sampling decide how many candidate tokens to keep at each step?";

    [Theory]
    [InlineData("button")]
    [InlineData("escape")]
    public async Task Web_stop_ends_a_streaming_generation_early_and_the_server_cancels_it(string how)
    {
        if (web.SkipReason is { } reason) Assert.Skip(reason);
        var ct = TestContext.Current.CancellationToken;
        // A whole reply (not streamed, so not paced) is what an unstopped run would show.
        using var client = web.Client();
        var full = await (await client.PostAsJsonAsync("/v1/query", new { question = Question }, ct)).Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.Equal("generative", full.GetProperty("mode").GetString());
        var fullAnswer = full.GetProperty("answer").GetString()!;
        Assert.True(fullAnswer.Length > 200, $"the tiny Llama's full answer is too short to stop: {fullAnswer.Length} characters");
        var cancelledBefore = web.Generator!.Cancelled;
        var errorsBefore = web.Errors.Errors.Count;

        var page = await web.OpenAsync();
        await page.GetByLabel("Question").FillAsync(Question);
        await page.GetByLabel("Question").PressAsync("Enter");
        var turn = page.Locator("article.turn").Last;
        var stop = page.GetByRole(AriaRole.Button, new() { Name = "Stop (Esc)" });
        await Assertions.Expect(stop).ToBeEnabledAsync();
        await page.WaitForFunctionAsync("() => (document.querySelector('article.turn:last-of-type .answer')?.textContent ?? '').length >= 20",
            null, new() { Timeout = 30_000 });
        if (how == "button") await stop.ClickAsync();
        else await page.Keyboard.PressAsync("Escape");

        await Assertions.Expect(turn.Locator(".mode")).ToHaveTextAsync("Stopped");
        await Assertions.Expect(stop).ToBeDisabledAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Ask", Exact = true })).ToBeEnabledAsync();
        var shown = await turn.Locator(".answer").TextContentAsync() ?? "";
        Assert.True(shown.Length >= 20 && shown.Length < fullAnswer.Length, $"{shown.Length} characters shown of {fullAnswer.Length}");
        await Task.Delay(GeneratingWebPageHost.Pause * 5, ct);
        Assert.Equal(shown, await turn.Locator(".answer").TextContentAsync());

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (web.Generator.Cancelled == cancelledBefore && DateTime.UtcNow < deadline) await Task.Delay(50, ct);
        Assert.Equal(cancelledBefore + 1, web.Generator.Cancelled);
        Assert.Equal(errorsBefore, web.Errors.Errors.Count);
        Assert.Equal(0, await page.Locator("#error:visible").CountAsync());
    }
}
