using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace RagSystem.Api.Tests;

/// <summary>A scan uploaded in the page is read by the real PP-OCRv4 models: the document list shows it with the OCR badge
/// (from the API's <c>ocr_pages</c>), and an answer's source from it carries the OCR marker with the recogniser's confidence.</summary>
public sealed partial class WebPageOcrTests(WebPageOcrHost web) : IClassFixture<WebPageOcrHost>
{
    private const string Sentence = "Scanned invoices from the wombat farm are searchable after optical character recognition.";

    [GeneratedRegex(@"^OCR (\d{1,3}) %$")]
    private static partial Regex OcrConfidence();

    [Fact]
    public async Task Web_uploaded_scan_read_by_ocr_shows_the_ocr_badge_in_the_list_and_in_its_citation()
    {
        if (web.SkipReason is { } reason) Assert.Skip(reason);
        var page = await web.OpenAsync();
        var name = $"web-invoice-scan-{Guid.NewGuid():N}.png";
        await page.Locator("#file-picker").SetInputFilesAsync(new FilePayload { Name = name, MimeType = "image/png", Buffer = WebPageOcrHost.Scan(Sentence) });
        // OCR on a loaded machine takes a while; the page says Uploaded once the reply (after ingestion) came.
        await Assertions.Expect(page.Locator("#upload-status")).ToHaveTextAsync($"Uploaded {name}", new() { Timeout = 120_000 });

        await page.GetByLabel("Search by name").FillAsync(name[..28]);
        var row = page.Locator("#doc-table tbody tr");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.First.Locator(".status.indexed")).ToHaveTextAsync(new Regex(@"^Indexed \([1-9]\d* chunks?\)$"));
        var badge = row.First.Locator(".badge");
        await Assertions.Expect(badge).ToHaveTextAsync("OCR");
        await Assertions.Expect(badge).ToHaveAttributeAsync("title", "Text of 1 page(s) recognised by OCR");

        await page.GetByLabel("Question").FillAsync("Which farm sent the scanned invoices?");
        await page.GetByLabel("Question").PressAsync("Enter");
        var source = page.Locator("article.turn").Last.Locator("ol.sources > li").First;
        await Assertions.Expect(source).ToContainTextAsync(name, new() { Timeout = 60_000 });
        var marker = source.Locator(".badge");
        await Assertions.Expect(marker).ToHaveTextAsync(OcrConfidence());
        var percent = int.Parse(OcrConfidence().Match(await marker.TextContentAsync() ?? "").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(percent, 50, 100);
        await Assertions.Expect(marker).ToHaveAttributeAsync("title", new Regex("^Text read by OCR from a scan"));
        Assert.Equal(0, await page.Locator("#error:visible").CountAsync());
    }
}
