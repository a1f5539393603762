using System.Text.Json;
using Microsoft.Playwright;

namespace RagSystem.Api.Tests;

/// <summary>Follow-up questions in the page: earlier turns are sent as history and the page shows what was searched for;
/// "New conversation" starts over.</summary>
[Collection(WebPageCollection.Name)]
public sealed class WebPageConversationTests(WebPageHost web)
{
    private static async Task AskAsync(IPage page, string question)
    {
        await page.GetByLabel("Question").FillAsync(question);
        await page.GetByLabel("Question").PressAsync("Enter");
        await Assertions.Expect(page.Locator("article.turn").Last.Locator(".mode")).Not.ToHaveTextAsync("Answering…", new() { Timeout = 30_000 });
    }

    [Fact]
    public async Task Web_follow_up_is_sent_with_the_thread_and_searched_with_its_subject()
    {
        if (web.SkipReason is { } reason) Assert.Skip(reason);
        var page = await web.OpenAsync();
        await AskAsync(page, "What is LoRA?");
        await Assertions.Expect(page.Locator("article.turn").First.Locator(".searched")).ToBeHiddenAsync();

        var sent = page.WaitForRequestAsync("**/v1/query");
        await AskAsync(page, "and why does that matter?");
        var body = JsonDocument.Parse((await sent).PostData!).RootElement;
        Assert.Equal("What is LoRA?", body.GetProperty("history")[0].GetProperty("question").GetString());
        var followUp = page.Locator("article.turn").Last;
        await Assertions.Expect(followUp.Locator(".searched")).ToHaveTextAsync("Searched for: why does LoRA matter?");
        await Assertions.Expect(followUp.Locator("ol.sources")).ToContainTextAsync("fine-tuning.docx");

        // The thread survives a reload (local storage), and "New conversation" forgets it: nothing is sent as history then.
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("article.turn")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("article.turn").Last.Locator(".searched")).ToHaveTextAsync("Searched for: why does LoRA matter?");
        await page.GetByRole(AriaRole.Button, new() { Name = "New conversation" }).ClickAsync();
        await Assertions.Expect(page.Locator("article.turn")).ToHaveCountAsync(0);
        var fresh = page.WaitForRequestAsync("**/v1/query");
        await AskAsync(page, "and why does that matter?");
        Assert.False(JsonDocument.Parse((await fresh).PostData!).RootElement.TryGetProperty("history", out _));
        await Assertions.Expect(page.Locator("article.turn").Last.Locator(".searched")).ToBeHiddenAsync();
    }
}
