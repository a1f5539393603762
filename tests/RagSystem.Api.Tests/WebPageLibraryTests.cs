using Microsoft.Playwright;

namespace RagSystem.Api.Tests;

/// <summary>The Documents and Jobs panels: a file dropped on the page is uploaded, delete asks first, and a refused upload or
/// job shows the API's ProblemDetails as a readable message.</summary>
[Collection(WebPageCollection.Name)]
public sealed class WebPageLibraryTests(WebPageHost web)
{
    private void SkipWithoutBrowser()
    {
        if (web.SkipReason is { } reason) Assert.Skip(reason);
    }

    [Fact]
    public async Task Web_dropped_file_is_uploaded_and_delete_asks_before_removing_it()
    {
        SkipWithoutBrowser();
        var page = await web.OpenAsync();
        var name = $"web-dropped-{Guid.NewGuid():N}.md";
        var files = await page.EvaluateHandleAsync($$"""
            () => {
              const transfer = new DataTransfer();
              transfer.items.add(new File(['# Numbat notes\n\nThe numbat eats termites.\n'], '{{name}}', { type: 'text/markdown' }));
              return transfer;
            }
            """);
        await page.Locator("#drop-zone").DispatchEventAsync("drop", new Dictionary<string, object> { ["dataTransfer"] = files });
        await Assertions.Expect(page.Locator("#upload-status")).ToContainTextAsync($"Uploaded {name}");
        await page.GetByLabel("Search by name").FillAsync(name[..24]);
        var rows = page.Locator("#doc-table tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(1);

        var asked = new List<string>();
        var accept = false;
        page.Dialog += async (_, dialog) =>
        {
            asked.Add(dialog.Message);
            if (accept) await dialog.AcceptAsync(); else await dialog.DismissAsync();
        };
        var delete = page.GetByRole(AriaRole.Button, new() { Name = $"Delete {name}" });
        await delete.ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        accept = true;
        await delete.ClickAsync();
        await Assertions.Expect(page.Locator("#doc-page")).ToHaveTextAsync("No documents");
        Assert.Equal(2, asked.Count);
        Assert.All(asked, message => Assert.Contains(name, message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Web_upload_over_the_limit_shows_the_413_message()
    {
        SkipWithoutBrowser();
        var page = await web.OpenAsync();
        await page.Locator("#file-picker").SetInputFilesAsync(new FilePayload
        {
            Name = "web-too-large.txt", MimeType = "text/plain", Buffer = new byte[WebPageHost.MaxUploadBytes + 1024],
        });
        var alert = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(alert).ToContainTextAsync("413: The upload is too large for the server.");
        await Assertions.Expect(alert).ToContainTextAsync($"larger than {WebPageHost.MaxUploadBytes} bytes");
        await Assertions.Expect(page.Locator("#upload-status")).ToHaveTextAsync("Upload failed.");
    }

    [Fact]
    public async Task Web_job_outside_the_allowed_roots_shows_the_problem_details_message()
    {
        SkipWithoutBrowser();
        var page = await web.OpenAsync();
        await page.GetByLabel("Folder (under an allowed root)").FillAsync("../../etc");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start ingestion" }).ClickAsync();
        var alert = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(alert).ToContainTextAsync("403");
        await Assertions.Expect(alert).ToContainTextAsync("outside the allowed roots");
    }
}
