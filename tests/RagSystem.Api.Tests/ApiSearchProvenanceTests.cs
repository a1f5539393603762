using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RagSystem.Testing;

namespace RagSystem.Api.Tests;

/// <summary>Search hits (<c>POST /v1/search</c>) and a document's chunks (<c>GET /v1/documents/{id}?chunks=true</c>) say
/// where their text came from with the fields a citation has: <c>page_label</c> (the printed page label), <c>ocr</c> and
/// <c>ocr_confidence</c>. GeoTopo, a real PDF, declares page labels (front matter i–iii, then the body from 1); the OCR side
/// is in <see cref="ApiUploadedScanOcrTests"/>.</summary>
public sealed class ApiSearchProvenanceTests(ITestOutputHelper output)
{
    private const string GeoTopo = "pypdf__GeoTopo-komprimiert.pdf";
    private static readonly string[] Provenance = ["page_label", "ocr", "ocr_confidence"];
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // GeoTopo's /PageLabels: pages 1–3 lower roman, then decimal from 1 at page 4.
    private static string Expected(int page) => page <= 3 ? new[] { "i", "ii", "iii" }[page - 1] : (page - 3).ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task Api_search_hits_and_document_chunks_carry_the_printed_page_labels_of_a_pdf_that_declares_them()
    {
        if (SharedData.MissingReason("data", "pdfs", GeoTopo) is { } reason) Assert.Skip(reason);
        await using var host = new ApiTestHost();
        using var client = host.Client();
        var id = await UploadAsync(client, GeoTopo, await File.ReadAllBytesAsync(SharedData.Find("data", "pdfs", GeoTopo)!, Ct));

        var chunks = (await client.GetFromJsonAsync<JsonElement>($"/v1/documents/{id}?chunks=true", Ct)).GetProperty("chunks").EnumerateArray().ToList();
        Assert.All(chunks, c =>
        {
            Assert.Equal(Expected(c.GetProperty("page").GetInt32()), c.GetProperty("page_label").GetString());
            Assert.False(c.GetProperty("ocr").GetBoolean());
            Assert.Equal(JsonValueKind.Null, c.GetProperty("ocr_confidence").ValueKind);
        });
        Assert.Contains(chunks, c => c.GetProperty("page_label").GetString() == "i");

        // Ten consecutive words of a body chunk, where the printed label and the page number differ.
        var body = chunks.First(c => c.GetProperty("page").GetInt32() >= 10 && Run(c.GetProperty("text").GetString()!) is not null);
        var query = Run(body.GetProperty("text").GetString()!)!;
        using var response = await client.PostAsJsonAsync("/v1/search", new { query, top_k = 5 }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var hits = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("hits").EnumerateArray().ToList();
        output.WriteLine($"searched \"{query}\"; hits " + string.Join(", ", hits.Select(h => $"page {h.GetProperty("page")} label {h.GetProperty("page_label")}")));
        var hit = Assert.Single(hits, h => h.GetProperty("chunk_id").GetString() == body.GetProperty("id").GetString());
        Assert.Equal(Expected(body.GetProperty("page").GetInt32()), hit.GetProperty("page_label").GetString());
        Assert.NotEqual(hit.GetProperty("page").GetInt32().ToString(CultureInfo.InvariantCulture), hit.GetProperty("page_label").GetString());
        Assert.All(hits, h =>
        {
            Assert.Equal(Expected(h.GetProperty("page").GetInt32()), h.GetProperty("page_label").GetString());
            Assert.False(h.GetProperty("ocr").GetBoolean());
            Assert.Equal(JsonValueKind.Null, h.GetProperty("ocr_confidence").ValueKind);
        });

        // An answer's citation of the same chunk says the same, field for field.
        var answer = await (await client.PostAsJsonAsync("/v1/query", new { question = query }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var citation = Assert.Single(answer.GetProperty("citations").EnumerateArray(), c => c.GetProperty("chunk_id").GetString() == body.GetProperty("id").GetString());
        Assert.Equal(ProvenanceOf(citation), ProvenanceOf(hit));
        Assert.Equal(ProvenanceOf(citation), ProvenanceOf(body));
    }

    [Fact]
    public async Task Api_search_hits_and_document_chunks_of_a_text_document_say_ocr_false_with_no_page_label()
    {
        await using var host = new ApiTestHost();
        using var client = host.Client();
        var id = await UploadAsync(client, "kiwi.md", Encoding.UTF8.GetBytes("# Kiwi\n\nThe kiwi is a flightless bird that lays a very large egg.\n"));

        var chunk = (await client.GetFromJsonAsync<JsonElement>($"/v1/documents/{id}?chunks=true", Ct)).GetProperty("chunks")[0];
        var hit = (await (await client.PostAsJsonAsync("/v1/search", new { query = "flightless bird egg" }, Ct))
            .Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("hits")[0];
        Assert.Equal(chunk.GetProperty("id").GetString(), hit.GetProperty("chunk_id").GetString());
        foreach (var json in new[] { chunk, hit })
        {
            // Written, not left out: a client reads the same keys whatever the document.
            Assert.Equal(JsonValueKind.Null, json.GetProperty("page_label").ValueKind);
            Assert.Equal(JsonValueKind.False, json.GetProperty("ocr").ValueKind);
            Assert.Equal(JsonValueKind.Null, json.GetProperty("ocr_confidence").ValueKind);
        }
    }

    /// <summary>Uploads one file and returns its document id.</summary>
    internal static async Task<string> UploadAsync(HttpClient client, string name, byte[] content)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(content), "files", name } };
        using var response = await client.PostAsync("/v1/documents", form, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = Assert.Single((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("documents").EnumerateArray());
        return document.GetProperty("id").GetString()!;
    }

    /// <summary>The provenance fields of a citation, hit or chunk, as raw JSON text.</summary>
    internal static string ProvenanceOf(JsonElement json) => string.Join(", ", Provenance.Select(p => $"{p}={json.GetProperty(p).GetRawText()}"));

    private static string? Run(string text)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i + 10 <= words.Length; i++)
        {
            if (words.Skip(i).Take(10).All(w => w.All(char.IsLetter))) return string.Join(' ', words.Skip(i).Take(10));
        }
        return null;
    }
}
