using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace RagSystem.Api.Tests;

/// <summary>The page's sources: a PDF citation opens the original file at its page.</summary>
[Collection(WebPageCollection.Name)]
public sealed partial class WebPageSourceTests(WebPageHost web)
{
    [GeneratedRegex(@"^/v1/documents/[0-9a-f]{32}/file#page=(\d+)$")]
    private static partial Regex OriginalLink();

    [Fact]
    public async Task Web_pdf_citation_links_to_the_original_file_at_its_page()
    {
        if (web.SkipReason is { } reason) Assert.Skip(reason);
        var ct = TestContext.Current.CancellationToken;
        var page = await web.OpenAsync();
        await page.GetByLabel("Question").FillAsync("How does nucleus sampling decide how many candidate tokens to keep at each step?");
        await page.GetByLabel("Question").PressAsync("Enter");
        var turn = page.Locator("article.turn").Last;
        await Assertions.Expect(turn.Locator(".mode")).Not.ToHaveTextAsync("Answering…");
        var link = turn.Locator("ol.sources > li", new() { HasText = "next-token-prediction-and-decoding.pdf" }).Locator("a.original").First;
        await Assertions.Expect(link).ToBeVisibleAsync();
        var href = (await link.GetAttributeAsync("href"))!;
        var match = OriginalLink().Match(href);
        Assert.True(match.Success, $"unexpected link '{href}'");
        Assert.Equal("_blank", await link.GetAttributeAsync("target"));

        using var client = web.Client();
        using var file = await client.GetAsync(href[..href.IndexOf('#', StringComparison.Ordinal)], ct);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("application/pdf", file.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString((await file.Content.ReadAsByteArrayAsync(ct))[..4]), StringComparison.Ordinal);

        // A link cannot carry the key: the page fetches the file with it and opens it from a blob: URL, at the same page.
        var popup = await page.RunAndWaitForPopupAsync(() => link.ClickAsync());
        await popup.WaitForURLAsync(new Regex("^blob:"));
        Assert.EndsWith($"#page={match.Groups[1].Value}", popup.Url, StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#error:visible").CountAsync());
    }
}
