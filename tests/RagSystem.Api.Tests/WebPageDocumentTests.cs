using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.Playwright;

namespace RagSystem.Api.Tests;

/// <summary>The Documents panel: an uploaded DOCX is listed as indexed and answers a question; a file that cannot be read is
/// listed as failed with its reason. (The OCR badge: <see cref="WebPageProvenanceTests"/>.)</summary>
[Collection(WebPageCollection.Name)]
public sealed class WebPageDocumentTests(WebPageHost web)
{
    private void SkipWithoutBrowser()
    {
        if (web.SkipReason is { } reason) Assert.Skip(reason);
    }

    private static byte[] Docx(string heading, string paragraph)
    {
        using var stream = new MemoryStream();
        using (var package = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = package.AddMainDocumentPart();
            main.Document = new Document(new Body(
                new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "Heading1" }), new Run(new Text(heading))),
                new Paragraph(new Run(new Text(paragraph)))));
        }
        return stream.ToArray();
    }

    [Fact]
    public async Task Web_uploaded_docx_is_listed_as_indexed_and_cited_in_an_answer()
    {
        SkipWithoutBrowser();
        var page = await web.OpenAsync();
        var name = $"web-axolotl-{Guid.NewGuid():N}.docx";
        await page.Locator("#file-picker").SetInputFilesAsync(new FilePayload
        {
            Name = name,
            MimeType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Buffer = Docx("Axolotl care", "The axolotl regrows lost limbs and lives in the lakes of Xochimilco near Mexico City."),
        });
        var status = page.Locator("#upload-status");
        await Assertions.Expect(status).Not.ToHaveTextAsync("Uploading 1 file(s)…", new() { Timeout = 30_000 });
        Assert.True(await status.TextContentAsync() == $"Uploaded {name}", $"upload: {await status.TextContentAsync()}; page error: {await page.Locator("#error").TextContentAsync()}");
        await page.GetByLabel("Search by name").FillAsync(name[..24]);
        var row = page.Locator("#doc-table tbody tr");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.First).ToContainTextAsync("docx");
        await Assertions.Expect(row.First.Locator(".status.indexed")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^Indexed \([1-9]\d* chunks?\)$"));

        await page.GetByLabel("Question").FillAsync("Where does the axolotl live?");
        await page.GetByLabel("Question").PressAsync("Enter");
        var turn = page.Locator("article.turn").Last;
        await Assertions.Expect(turn.Locator("ol.sources > li").First).ToContainTextAsync(name, new() { Timeout = 30_000 });
        await Assertions.Expect(turn.Locator(".answer")).ToContainTextAsync("Xochimilco");
    }

    [Fact]
    public async Task Web_upload_that_cannot_be_read_is_listed_as_failed_with_its_reason()
    {
        SkipWithoutBrowser();
        var page = await web.OpenAsync();
        var name = $"web-broken-{Guid.NewGuid():N}.pdf";
        await page.Locator("#file-picker").SetInputFilesAsync(new FilePayload
        {
            Name = name, MimeType = "application/pdf", Buffer = "%PDF-1.7 this file was cut short"u8.ToArray(),
        });
        await Assertions.Expect(page.Locator("#upload-status")).ToContainTextAsync($"Failed: {name}");
        await page.GetByLabel("Search by name").FillAsync(name[..22]);
        var row = page.Locator("#doc-table tbody tr");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.First.Locator(".status.failed")).ToContainTextAsync("Failed: ");
        Assert.Equal(0, await row.First.GetByRole(AriaRole.Button).CountAsync());
    }
}
