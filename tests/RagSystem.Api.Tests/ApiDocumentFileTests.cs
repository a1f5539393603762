using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RagSystem.Ingestion;
using RagSystem.Storage;
using RagSystem.Testing;

namespace RagSystem.Api.Tests;

/// <summary><c>GET /v1/documents/{id}/file</c>: the original served read-only with ranges, and confined to the allowed roots
/// like ingestion (records are planted in the store directly to model a tampered or stale index).</summary>
public sealed class ApiDocumentFileTests
{
    private const string WriteKey = "file-test-write-key";
    private const string ReadKey = "file-test-read-key";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ApiTestHost NewHost() => new(new Dictionary<string, string?>
    {
        ["Rag:Api:Keys:0"] = WriteKey + ":rw",
        ["Rag:Api:Keys:1"] = ReadKey + ":ro",
    });

    /// <summary>Ingests the corpus copy; returns the job's (real) folder.</summary>
    private static async Task<string> IngestCorpusAsync(ApiTestHost host)
    {
        using var client = host.Client(WriteKey);
        var job = await ApiTestHost.IngestAsync(client, "corpus", Ct);
        Assert.Equal("succeeded", job.GetProperty("state").GetString());
        return job.GetProperty("path").GetString()!;
    }

    /// <summary>Stores a record claiming <paramref name="path"/> in the folder job's source; returns its id.</summary>
    private static async Task<string> PlantAsync(ApiTestHost host, string folder, string path)
    {
        var id = SourceDocumentIds.For("folder:" + folder, path);
        var store = host.Services.GetRequiredService<IChunkStore>();
        await store.UpsertDocumentAsync(new DocumentRecord(id, path, new string('0', 64), 10, "pdf", 0, null, DateTimeOffset.UtcNow), [], Ct);
        return id;
    }

    [Fact]
    public async Task Api_document_file_serves_the_ingested_pdf_to_a_read_only_key_with_ranges()
    {
        await using var host = NewHost();
        await IngestCorpusAsync(host);
        using var client = host.Client(ReadKey);
        var documents = await client.GetFromJsonAsync<JsonElement>("/v1/documents?limit=100", Ct);
        var pdf = documents.GetProperty("items").EnumerateArray().First(d => d.GetProperty("format").GetString() == "pdf");
        var url = $"/v1/documents/{pdf.GetProperty("id").GetString()}/file";

        using var whole = await client.GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        Assert.Equal("application/pdf", whole.Content.Headers.ContentType?.MediaType);
        var bytes = await whole.Content.ReadAsByteArrayAsync(Ct);
        var original = await File.ReadAllBytesAsync(Path.Combine(host.CorpusFolder, pdf.GetProperty("path").GetString()!), Ct);
        Assert.Equal(original, bytes);

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new RangeHeaderValue(0, 3);
        using var part = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal("%PDF", Encoding.ASCII.GetString(await part.Content.ReadAsByteArrayAsync(Ct)));

        using var anonymous = host.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(url, Ct)).StatusCode);
    }

    [Fact]
    public async Task Api_document_file_sandboxes_html_so_it_cannot_script_the_service_origin()
    {
        await using var host = NewHost();
        await IngestCorpusAsync(host);
        using var client = host.Client(ReadKey);
        var documents = await client.GetFromJsonAsync<JsonElement>("/v1/documents?limit=100", Ct);
        var html = documents.GetProperty("items").EnumerateArray().First(d => d.GetProperty("format").GetString() == "html");
        using var response = await client.GetAsync($"/v1/documents/{html.GetProperty("id").GetString()}/file", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("sandbox", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Theory]
    [InlineData("../outside.pdf")]
    [InlineData("sub/../../outside.pdf")]
    public async Task Api_document_file_refuses_a_recorded_path_that_leaves_its_folder(string path)
    {
        await using var host = NewHost();
        var folder = await IngestCorpusAsync(host);
        await File.WriteAllTextAsync(Path.Combine(host.Root.Path, "outside.pdf"), "%PDF-1.4 not for you", Ct);
        var id = await PlantAsync(host, folder, path);
        using var client = host.Client(ReadKey);
        using var response = await client.GetAsync($"/v1/documents/{id}/file", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Api_document_file_never_serves_an_absolute_recorded_path_from_outside_the_roots()
    {
        await using var host = NewHost();
        var folder = await IngestCorpusAsync(host);
        // The store keeps paths relative (a leading '/' is dropped), so the record names corpus/etc/passwd, which is absent.
        var id = await PlantAsync(host, folder, "/etc/passwd");
        using var client = host.Client(ReadKey);
        using var response = await client.GetAsync($"/v1/documents/{id}/file", Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("root:", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_document_file_refuses_a_symbolic_link_that_escapes_the_roots()
    {
        await using var host = NewHost();
        var folder = await IngestCorpusAsync(host);
        using var outside = new TempDirectory("rag-api-outside");
        var secret = Path.Combine(outside.Path, "secret.pdf");
        await File.WriteAllTextAsync(secret, "%PDF-1.4 secret", Ct);
        File.CreateSymbolicLink(Path.Combine(host.CorpusFolder, "escape.pdf"), secret);
        Directory.CreateSymbolicLink(Path.Combine(host.CorpusFolder, "linked"), outside.Path);
        using var client = host.Client(ReadKey);
        foreach (var path in new[] { "escape.pdf", "linked/secret.pdf" })
        {
            var id = await PlantAsync(host, folder, path);
            using var response = await client.GetAsync($"/v1/documents/{id}/file", Ct);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.DoesNotContain("%PDF-1.4 secret", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Api_document_file_is_404_when_the_original_is_gone_or_was_uploaded()
    {
        await using var host = NewHost();
        var folder = await IngestCorpusAsync(host);
        using var client = host.Client(WriteKey);
        var gone = await PlantAsync(host, folder, "deleted-since.pdf");
        using (var response = await client.GetAsync($"/v1/documents/{gone}/file", Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("no longer on disk", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        using var form = new MultipartFormDataContent { { new ByteArrayContent("# Wombat\n\nWombats dig burrows."u8.ToArray()), "files", "wombat.md" } };
        using var upload = await client.PostAsync("/v1/documents", form, Ct);
        var uploaded = (await upload.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("documents")[0].GetProperty("id").GetString();
        using var file = await client.GetAsync($"/v1/documents/{uploaded}/file", Ct);
        Assert.Equal(HttpStatusCode.NotFound, file.StatusCode);
        Assert.Contains("uploads keep no copy", await file.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
