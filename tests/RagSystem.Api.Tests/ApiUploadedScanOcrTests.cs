using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RagSystem.Testing;
using RagSystem.Testing.Ocr;

namespace RagSystem.Api.Tests;

/// <summary>An image uploaded through the API is read by the real PP-OCRv4 models: the document says how many of its pages
/// came from OCR (<c>ocr_pages</c>, what the web page's OCR badge shows), and its chunk (<c>?chunks=true</c>), a search hit
/// and a citation of it say <c>ocr: true</c> with the same confidence, the citation in the plain answer and in the streamed
/// <c>citations</c> event alike.</summary>
public sealed class ApiUploadedScanOcrTests
{
    private static readonly string[] OcrModels = ["models", "ocr", "pp-ocrv4"];
    private static readonly string[] Sentence = ["Scanned invoices from the wombat farm are searchable after optical character recognition."];
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Api_an_uploaded_scan_is_read_by_ocr_and_says_so_in_the_document_its_chunks_search_hits_and_citations()
    {
        if (SharedData.MissingReason(OcrModels) is { } missing) Assert.Skip(missing);
        var fonts = TextPageRenderer.InstalledFonts();
        if (fonts.Count == 0) Assert.Skip("needs the DejaVu fonts (Debian fonts-dejavu-core)");
        var page = TextPageRenderer.Render(new TextPageSpec(Sentence, fonts[0], 12, 200, HeightInches: 3));

        await using var host = new ApiTestHost(models: folder => Directory.CreateSymbolicLink(Path.Combine(folder, "ocr"), SharedData.Find(OcrModels)!));
        using var client = host.Client();
        using var form = new MultipartFormDataContent { { new ByteArrayContent(page.Encoded), "files", "invoice-scan.png" } };
        using var response = await client.PostAsync("/v1/documents", form, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = Assert.Single((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("documents").EnumerateArray());
        Assert.Equal(1, document.GetProperty("ocr_pages").GetInt32());
        var listed = await client.GetFromJsonAsync<JsonElement>($"/v1/documents/{document.GetProperty("id").GetString()}?chunks=true", Ct);
        Assert.Equal(1, listed.GetProperty("ocr_pages").GetInt32());
        var chunk = Assert.Single(listed.GetProperty("chunks").EnumerateArray());
        Assert.True(chunk.GetProperty("ocr").GetBoolean());
        Assert.InRange(chunk.GetProperty("ocr_confidence").GetDouble(), 0.5, 1.0);

        var hit = (await (await client.PostAsJsonAsync("/v1/search", new { query = "wombat farm invoices" }, Ct))
            .Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("hits")[0];
        Assert.Equal(chunk.GetProperty("id").GetString(), hit.GetProperty("chunk_id").GetString());
        Assert.Equal(ApiSearchProvenanceTests.ProvenanceOf(chunk), ApiSearchProvenanceTests.ProvenanceOf(hit));

        var answer = await (await client.PostAsJsonAsync("/v1/query", new { question = "Which farm sent the scanned invoices?" }, Ct))
            .Content.ReadFromJsonAsync<JsonElement>(Ct);
        var citation = answer.GetProperty("citations")[0];
        Assert.Equal("invoice-scan.png", citation.GetProperty("source").GetString());
        Assert.True(citation.GetProperty("ocr").GetBoolean());
        Assert.InRange(citation.GetProperty("ocr_confidence").GetDouble(), 0.5, 1.0);
        Assert.Equal(ApiSearchProvenanceTests.ProvenanceOf(chunk), ApiSearchProvenanceTests.ProvenanceOf(citation));

        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/query")
        {
            Content = JsonContent.Create(new { question = "Which farm sent the scanned invoices?", stream = true }),
        };
        using var streamed = await client.SendAsync(request, Ct);
        var events = await streamed.Content.ReadAsStringAsync(Ct);
        var citations = events.Split('\n').SkipWhile(line => line != "event: citations").Skip(1).First();
        var first = JsonDocument.Parse(citations["data: ".Length..]).RootElement.GetProperty("citations")[0];
        Assert.True(first.GetProperty("ocr").GetBoolean());
        Assert.InRange(first.GetProperty("ocr_confidence").GetDouble(), 0.5, 1.0);
    }

    [Fact]
    public async Task Api_an_image_upload_without_the_ocr_models_is_a_415_that_says_to_install_them()
    {
        await using var host = new ApiTestHost();
        using var client = host.Client();
        using var form = new MultipartFormDataContent { { new ByteArrayContent([0x89, 0x50, 0x4e, 0x47]), "files", "invoice-scan.png" } };
        using var response = await client.PostAsync("/v1/documents", form, Ct);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("OCR models", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
