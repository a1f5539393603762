using System.Text.Json;
using RagSystem.Documents;
using RagSystem.IntegrationTests.Ocr;
using RagSystem.Testing;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Writer;

namespace RagSystem.IntegrationTests.Answering;

/// <summary>Citations carry where a passage came from: the printed page label of a real PDF that declares labels
/// (GeoTopo numbers its front matter i–iii and its body from 1), and OCR provenance for a passage read from the
/// HL1396 book scan, through <c>rag ask --json</c>.</summary>
public sealed class ProvenanceCitationTests(ITestOutputHelper output)
{
    private const string GeoTopo = "pypdf__GeoTopo-komprimiert.pdf";

    // GeoTopo's /PageLabels: pages 1–3 lower roman, then decimal from 1 at page 4.
    private static string Expected(int page) => page <= 3 ? new[] { "i", "ii", "iii" }[page - 1] : (page - 3).ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_pdf_with_page_labels_gives_each_section_and_cited_passage_its_printed_label()
    {
        if (SharedData.MissingReason("data", "pdfs", GeoTopo) is { } reason) Assert.Skip(reason);
        var ct = TestContext.Current.CancellationToken;
        var source = SharedData.Find("data", "pdfs", GeoTopo)!;
        var document = await DocumentReaderRegistry.CreateDefault().ReadAsync(source, ct);
        Assert.All(document.Sections, s => Assert.Equal(Expected(s.Page!.Value), s.PageLabel));
        Assert.Contains(document.Sections, s => s.Page > 3);

        // A question made of ten consecutive words of a body page (so all of them sit in one passage), where labels and page
        // numbers differ.
        var page = document.Sections.First(s => s.Page >= 10 && Run(s.Text) is not null);
        var question = Run(page.Text)!;
        using var docs = new TempDirectory();
        using var data = new TempDirectory();
        File.Copy(source, Path.Combine(docs.Path, GeoTopo));
        var run = await RagProcess.RunAsync(["ask", question, "--docs", docs.Path, "--data", data.Path, "--json"],
            environment: new Dictionary<string, string> { ["RAG_MODELS_DIR"] = Path.Combine(data.Path, "no-models") });
        Assert.True(run.ExitCode == 0, run.ToString());

        using var json = JsonDocument.Parse(run.StandardOutput);
        var citations = json.RootElement.GetProperty("citations").EnumerateArray().ToList();
        output.WriteLine($"asked \"{question}\" (page {page.Page}); cited " +
            string.Join(", ", citations.Select(c => $"page {c.GetProperty("page")} label {c.GetProperty("page_label")}")));
        Assert.NotEmpty(citations);
        foreach (var c in citations)
        {
            Assert.Equal(Expected(c.GetProperty("page").GetInt32()), c.GetProperty("page_label").GetString());
            Assert.False(c.GetProperty("ocr").GetBoolean());
            Assert.Equal(JsonValueKind.Null, c.GetProperty("ocr_confidence").ValueKind);
        }
        Assert.Contains(citations, c => c.GetProperty("page").GetInt32() == page.Page);

        // rag search over the same index says the same of its hits.
        var search = await RagProcess.RunAsync(["search", question, "--data", data.Path, "--json"],
            environment: new Dictionary<string, string> { ["RAG_MODELS_DIR"] = Path.Combine(data.Path, "no-models") });
        Assert.True(search.ExitCode == 0, search.ToString());
        using var hits = JsonDocument.Parse(search.StandardOutput);
        Assert.NotEmpty(hits.RootElement.EnumerateArray());
        foreach (var hit in hits.RootElement.EnumerateArray())
        {
            Assert.Equal(Expected(hit.GetProperty("page").GetInt32()), hit.GetProperty("page_label").GetString());
            Assert.False(hit.GetProperty("ocr").GetBoolean());
            Assert.Equal(JsonValueKind.Null, hit.GetProperty("ocr_confidence").ValueKind);
            Assert.False(string.IsNullOrEmpty(hit.GetProperty("document_id").GetString()));
        }
        Assert.Equal(page.Page, hits.RootElement[0].GetProperty("page").GetInt32());
    }

    private static string? Run(string text)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i + 10 <= words.Length; i++)
        {
            if (words.Skip(i).Take(10).All(w => w.All(char.IsLetter))) return string.Join(' ', words.Skip(i).Take(10));
        }
        return null;
    }

    // Two of the 18 CCITT-G4 pages keep the OCR short; page 2 holds Jakobson's remark on the genetic code.
    [Fact]
    public async Task OcrPassageFromTheScannedChapterIsCitedWithOcrTrueAndItsConfidence()
    {
        if ((OcrModels.MissingReason ?? SharedData.MissingReason("data", "pdfs", "pdfcpu__HL1396.pdf")) is { } reason) Assert.Skip(reason);
        using var docs = new TempDirectory();
        using var data = new TempDirectory();
        using (var scan = PdfDocument.Open(SharedData.Find("data", "pdfs", "pdfcpu__HL1396.pdf")!))
        {
            var builder = new PdfDocumentBuilder();
            builder.AddPage(scan, 1);
            builder.AddPage(scan, 2);
            await File.WriteAllBytesAsync(Path.Combine(docs.Path, "hl1396-pages-1-2.pdf"), builder.Build(), TestContext.Current.CancellationToken);
        }
        var models = Directory.CreateDirectory(Path.Combine(data.Path, "models")).FullName;
        Directory.CreateSymbolicLink(Path.Combine(models, "ocr"), OcrModels.Folder!);

        var run = await RagProcess.RunAsync(["ask", "What did Jakobson remark about the genetic code and the verbal system?", "--docs", docs.Path,
            "--data", Path.Combine(data.Path, "index"), "--json"], timeout: TimeSpan.FromMinutes(15),
            environment: new Dictionary<string, string> { ["RAG_MODELS_DIR"] = models });
        Assert.True(run.ExitCode == 0, run.ToString());

        using var json = JsonDocument.Parse(run.StandardOutput);
        var citations = json.RootElement.GetProperty("citations").EnumerateArray().ToList();
        output.WriteLine(run.StandardOutput);
        Assert.Contains(citations, c => c.GetProperty("page").GetInt32() == 2);
        Assert.All(citations, c =>
        {
            Assert.True(c.GetProperty("ocr").GetBoolean());
            Assert.InRange(c.GetProperty("ocr_confidence").GetDouble(), double.Epsilon, 1.0);
        });
    }
}
