using System.Net;
using Microsoft.Playwright;

namespace RagSystem.Api.Tests;

/// <summary>A 429 in the browser: the page loads whole under a limit smaller than its own file count (the limit counts only
/// API calls), a question refused for the rate limit shows a readable message with the wait the server's <c>Retry-After</c>
/// gave, and once that wait has passed the page asks again and gets an answer.</summary>
public sealed class WebPageRateLimitTests(WebPageRateLimitedHost web) : IClassFixture<WebPageRateLimitedHost>
{
    private const string Question = "What does retrieval-augmented generation add to a language model?";

    [Fact]
    public async Task Web_rate_limited_question_shows_the_retry_time_and_asking_works_again_after_it()
    {
        if (web.SkipReason is { } reason) Assert.Skip(reason);
        var ct = TestContext.Current.CancellationToken;
        var page = await web.OpenAsync();
        // Loaded whole: its scripts ran and listed the document, with no error, though the page has more files than permits.
        await Assertions.Expect(page.Locator("#doc-page")).ToHaveTextAsync("1–1 of 1");
        await Assertions.Expect(page.Locator("#doc-table tbody tr")).ToContainTextAsync(WebPageRateLimitedHost.DocumentName);
        await Assertions.Expect(page.Locator("#error")).ToBeHiddenAsync();

        IResponse? refused = null;
        page.Response += (_, response) =>
        {
            if (response.Status == 429 && response.Url.EndsWith("/v1/query", StringComparison.Ordinal)) refused ??= response;
        };
        var question = page.GetByLabel("Question");
        var turn = page.Locator("article.turn").Last;
        using var client = web.Client();
        // Spend the key's permits, then ask in the page. Should the window turn between the two, the question is answered
        // and the next round spends the permits again; nothing here depends on how long a step takes.
        for (var round = 0; round < 5 && refused is null; round++)
        {
            var status = HttpStatusCode.OK;
            for (var call = 0; call < 10 * WebPageRateLimitedHost.Permits && status != HttpStatusCode.TooManyRequests; call++)
            {
                using var response = await client.GetAsync("/v1/documents", ct);
                status = response.StatusCode;
            }
            Assert.Equal(HttpStatusCode.TooManyRequests, status);
            await question.FillAsync(Question);
            await question.PressAsync("Enter");
            await Assertions.Expect(turn.Locator(".mode")).Not.ToHaveTextAsync("Answering…", new() { Timeout = 30_000 });
        }
        Assert.NotNull(refused);
        var retryAfter = await refused.HeaderValueAsync("retry-after");
        Assert.False(string.IsNullOrEmpty(retryAfter), "the 429 carries Retry-After");

        var alert = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(alert).ToBeVisibleAsync();
        await Assertions.Expect(alert).ToContainTextAsync($"429: Too many requests: try again in {retryAfter} s.");
        await Assertions.Expect(alert).ToContainTextAsync($"This API key may make {WebPageRateLimitedHost.Permits} requests per 2.5 s");
        var askButton = page.GetByRole(AriaRole.Button, new() { Name = "Ask", Exact = true });
        await Assertions.Expect(turn.Locator(".mode")).ToContainTextAsync("Too many requests: you can ask again");

        // The page holds Ask for the Retry-After seconds, then says so and asks again without a reload.
        await Assertions.Expect(turn.Locator(".mode")).ToHaveTextAsync("Too many requests: you can ask again now", new() { Timeout = 30_000 });
        await Assertions.Expect(askButton).ToBeEnabledAsync();
        await question.FillAsync(Question);
        await question.PressAsync("Enter");
        var answered = page.Locator("article.turn").Last;
        await Assertions.Expect(answered.Locator("ol.sources > li").First).ToContainTextAsync(WebPageRateLimitedHost.DocumentName, new() { Timeout = 30_000 });
        await Assertions.Expect(answered.Locator(".mode")).ToHaveTextAsync("Extractive answer — no generator installed");
        await Assertions.Expect(alert).ToBeHiddenAsync();
    }
}
