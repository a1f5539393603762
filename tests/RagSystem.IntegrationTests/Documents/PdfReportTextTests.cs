using RagSystem.Documents;
using RagSystem.Testing;

namespace RagSystem.IntegrationTests.Documents;

/// <summary>PDF text as a reader sees it, on the shared real-world PDFs and report PDFs: no running headers, footers or
/// page numbers, and table rows whose labels and figures share a line.</summary>
[Collection(nameof(DocumentReaderFiles))]
public sealed class PdfReportTextTests(ITestOutputHelper output)
{
    // PageFurnitureCount over every PDF in data/pdfs and data/reports read with the extractor before furniture
    // filtering and table rows (commit 23e441c): 2,982 furniture lines in 43,964 lines of text.
    private const int FurnitureLinesBefore = 2982;

    [Fact]
    public async Task Running_headers_footers_and_page_numbers_drop_by_at_least_90_percent()
    {
        if (SharedData.MissingReason("data", "reports") is { } reason) Assert.Skip(reason);
        if (SharedData.MissingReason("data", "pdfs") is { } pdfsReason) Assert.Skip(pdfsReason);
        var files = new[] { "pdfs", "reports" }
            .SelectMany(d => Directory.GetFiles(SharedData.Find("data", d)!, "*.pdf", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal);
        var reader = new PdfReader();
        int furniture = 0, documents = 0;
        foreach (var path in files)
        {
            Document document;
            try
            {
                document = await reader.ReadAsync(File.OpenRead(path), path, TestContext.Current.CancellationToken);
            }
            catch (DocumentReadException)
            {
                continue; // encrypted, scanned and broken samples have no text to measure
            }
            documents++;
            var count = PageFurnitureCount.Count(document);
            furniture += count;
            if (count > 0) output.WriteLine($"{count,5}  {Path.GetFileName(path)}");
        }
        output.WriteLine($"{furniture} furniture lines in {documents} documents (before: {FurnitureLinesBefore})");
        Assert.True(documents > 70, $"only {documents} PDFs gave text");
        Assert.True(furniture * 10 <= FurnitureLinesBefore, $"{furniture} furniture lines left; at most {FurnitureLinesBefore / 10} allowed");
    }

    [Fact]
    public async Task Ntsb_form_rows_keep_each_label_on_the_line_of_its_value()
    {
        var path = SharedData.Find("data", "reports", "ntsb", "20080111X00040.pdf");
        if (path is null) Assert.Skip(SharedData.MissingReason("data", "reports", "ntsb", "20080111X00040.pdf")!);

        var document = await new PdfReader().ReadAsync(File.OpenRead(path), path, TestContext.Current.CancellationToken);
        var lines = document.Sections.SelectMany(s => s.Text.Split("\n\n")).ToList();

        Assert.Contains("Location: | Madill, OK | Accident Number: | DFW08CA044", lines);
        Assert.Contains("Date & Time: | 11/30/2007, 1200 CST | Registration: | N6135M", lines);
        Assert.Contains("Altimeter Setting: | 30.19 inches Hg | Temperature/Dew Point: | 13°C / 7°C", lines);
        Assert.Contains("Total Injuries: | 1 None | Latitude, Longitude: | 34.144444, -96.811389", lines);
        // The running footer (the accident number) and "Page 1 of 4" are gone; the first-page figure is kept.
        Assert.DoesNotContain(lines, l => l.StartsWith("Page ", StringComparison.Ordinal));
        Assert.Single(lines, l => l.Contains("DFW08CA044", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_ntsb_report_pairs_its_location_with_its_accident_number()
    {
        var folder = SharedData.Find("data", "reports", "ntsb");
        if (folder is null) Assert.Skip(SharedData.MissingReason("data", "reports", "ntsb")!);
        foreach (var path in Directory.GetFiles(folder, "*.pdf"))
        {
            var document = await new PdfReader().ReadAsync(File.OpenRead(path), path, TestContext.Current.CancellationToken);
            var first = document.Sections[0].Text;
            Assert.Matches(@"(?m)^Location: \| [^|\n]+ \| Accident Number: \| [A-Z]{3}\d{2}[A-Z]{2}\d{3}$", first);
        }
    }
}
