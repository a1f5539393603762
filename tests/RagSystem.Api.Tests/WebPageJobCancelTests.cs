using Microsoft.Playwright;
using RagSystem.Testing;

namespace RagSystem.Api.Tests;

/// <summary>Cancelling a running ingestion job from the page. It has its own service, since the documents a cancelled job
/// already wrote stay in the index.</summary>
public sealed class WebPageJobCancelTests(WebPageHost web) : IClassFixture<WebPageHost>
{
    [Fact]
    public async Task Web_cancel_stops_a_running_job_before_it_reaches_100_percent()
    {
        if (web.SkipReason is { } reason) Assert.Skip(reason);
        var folder = Path.Combine(web.Host.Root.Path, "synthetic");
        var total = SyntheticCorpus.Write(folder, 3000).Count;
        var page = await web.OpenAsync();
        await page.GetByLabel("Folder (under an allowed root)").FillAsync("synthetic");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start ingestion" }).ClickAsync();
        var status = page.Locator("#job-status");
        await Assertions.Expect(status).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"^running: [1-9]\d*/3000 documents"), new() { Timeout = 60_000 });
        await Assertions.Expect(status).ToContainTextAsync(", now ");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel job" }).ClickAsync();

        await Assertions.Expect(status).ToContainTextAsync("cancelled", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Cancel job" })).ToBeDisabledAsync();
        var percent = await page.Locator("#job-progress").EvaluateAsync<double>("p => p.value");
        Assert.InRange(percent, 0, 99);
        var text = await status.TextContentAsync();
        Assert.Matches(@"^cancelled: \d+/" + total + " documents", text);
    }
}
