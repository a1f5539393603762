using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RagSystem.Documents;
using RagSystem.Testing;

namespace RagSystem.Api.Tests;

/// <summary>Where a passage came from, as the page shows it: a scan uploaded in the page is read by the real PP-OCRv4 models,
/// so the document list shows it with the OCR badge (from the API's <c>ocr_pages</c>) and an answer's source from it carries
/// the OCR marker with the recogniser's confidence; and a source from a real PDF that declares page labels shows the printed
/// page beside the page number.</summary>
public sealed partial class WebPageProvenanceTests(WebPageProvenanceHost web) : IClassFixture<WebPageProvenanceHost>
{
    // GeoTopo numbers its front matter i–iii and its body from 1 at page 4 (its /PageLabels).
    private const string GeoTopo = "pypdf__GeoTopo-komprimiert.pdf";
    private const string Sentence = "Scanned invoices from the wombat farm are searchable after optical character recognition.";

    [GeneratedRegex(@"^OCR (\d{1,3}) %$")]
    private static partial Regex OcrConfidence();

    [Fact]
    public async Task Web_uploaded_scan_read_by_ocr_shows_the_ocr_badge_in_the_list_and_in_its_citation()
    {
        if (web.SkipReason is { } reason) Assert.Skip(reason);
        var page = await web.OpenAsync();
        var name = $"web-invoice-scan-{Guid.NewGuid():N}.png";
        await page.Locator("#file-picker").SetInputFilesAsync(new FilePayload { Name = name, MimeType = "image/png", Buffer = WebPageProvenanceHost.Scan(Sentence) });
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

    [Fact]
    public async Task Web_source_from_a_pdf_that_declares_page_labels_shows_its_printed_page()
    {
        if (web.SkipReason is { } reason) Assert.Skip(reason);
        if (SharedData.MissingReason("data", "pdfs", GeoTopo) is { } missing) Assert.Skip(missing);
        var ct = TestContext.Current.CancellationToken;
        var file = SharedData.Find("data", "pdfs", GeoTopo)!;
        // Ten consecutive words of a body page, so that all of them sit in one passage, where label and page number differ.
        var document = await DocumentReaderRegistry.CreateDefault().ReadAsync(file, ct);
        var section = document.Sections.First(s => s.Page >= 10 && TenWords(s.Text) is not null);
        var pageNumber = section.Page!.Value;

        var page = await web.OpenAsync();
        var name = $"web-geotopo-{Guid.NewGuid():N}.pdf";
        await page.Locator("#file-picker").SetInputFilesAsync(new FilePayload { Name = name, MimeType = "application/pdf", Buffer = await File.ReadAllBytesAsync(file, ct) });
        await Assertions.Expect(page.Locator("#upload-status")).ToHaveTextAsync($"Uploaded {name}", new() { Timeout = 120_000 });
        await page.GetByLabel("Question").FillAsync(TenWords(section.Text)!);
        await page.GetByLabel("Question").PressAsync("Enter");
        var sources = page.Locator("article.turn").Last.Locator("ol.sources > li");
        var printed = (pageNumber - 3).ToString(CultureInfo.InvariantCulture);
        var cited = sources.Filter(new() { HasTextRegex = new Regex($@"{Regex.Escape(name)} · page {pageNumber}(–\d+)? \(printed {printed}\)") });
        await Assertions.Expect(cited.First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        Assert.Equal(0, await page.Locator("#error:visible").CountAsync());
    }

    private static string? TenWords(string text)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i + 10 <= words.Length; i++)
        {
            if (words.Skip(i).Take(10).All(w => w.All(char.IsLetter))) return string.Join(' ', words.Skip(i).Take(10));
        }
        return null;
    }
}
