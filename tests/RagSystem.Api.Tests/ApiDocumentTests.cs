using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace RagSystem.Api.Tests;

public sealed class ApiDocumentTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static MultipartFormDataContent Upload(params (string Name, string Text)[] files)
    {
        var content = new MultipartFormDataContent();
        foreach (var (name, text) in files) content.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(text)), "files", name);
        return content;
    }

    [Fact]
    public async Task Api_a_small_upload_is_ingested_before_the_reply_tagged_searchable_and_deletable()
    {
        await using var host = new ApiTestHost();
        using var client = host.Client();
        using var form = Upload(("kiwi.md", "# Kiwi\n\nThe kiwi is a flightless bird that lays a very large egg."),
            ("notes.txt", "Quokkas live on Rottnest Island and are often photographed smiling."));
        form.Add(new StringContent("birds, animals"), "tags");
        using var response = await client.PostAsync("/v1/documents", form, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(2, result.GetProperty("counts").GetProperty("added").GetInt32());
        var documents = result.GetProperty("documents").EnumerateArray().ToList();
        Assert.Equal(["kiwi.md", "notes.txt"], documents.Select(d => d.GetProperty("path").GetString()!).Order(StringComparer.Ordinal));
        Assert.All(documents, d => Assert.Equal(["birds", "animals"], d.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!)));

        var hits = (await (await client.PostAsJsonAsync("/v1/search", new { query = "flightless bird egg", filters = new { tags = new[] { "birds" } } }, Ct))
            .Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("hits");
        Assert.Equal("kiwi.md", hits[0].GetProperty("source").GetString());

        var id = documents.Single(d => d.GetProperty("path").GetString() == "kiwi.md").GetProperty("id").GetString();
        var one = await client.GetFromJsonAsync<JsonElement>($"/v1/documents/{id}?chunks=true", Ct);
        Assert.Equal("markdown", one.GetProperty("format").GetString());
        Assert.Contains("flightless", one.GetProperty("chunks")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, (await client.GetFromJsonAsync<JsonElement>($"/v1/documents/{id}", Ct)).GetProperty("chunks").ValueKind);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/v1/documents/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/v1/documents/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/v1/documents/{id}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Api_a_large_upload_becomes_a_job_whose_documents_appear_when_it_succeeds()
    {
        await using var host = new ApiTestHost(new Dictionary<string, string?> { ["Rag:Api:InlineUploadBytes"] = "100" });
        using var client = host.Client();
        using var form = Upload(("platypus.md", "# Platypus\n\n" + string.Join(' ', Enumerable.Repeat("The platypus is a monotreme that lays eggs.", 20))));
        using var response = await client.PostAsync("/v1/documents", form, Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var job = await ApiTestHost.WaitForJobAsync(client, response.Headers.Location!.ToString(), Ct);
        Assert.Equal("succeeded", job.GetProperty("state").GetString());
        Assert.Equal("upload", job.GetProperty("kind").GetString());
        Assert.Equal(1, job.GetProperty("counts").GetProperty("added").GetInt32());
        Assert.False(Directory.Exists(job.GetProperty("path").GetString()), "the staged files are removed once ingested");
        var list = await client.GetFromJsonAsync<JsonElement>("/v1/documents", Ct);
        Assert.Equal("platypus.md", list.GetProperty("items")[0].GetProperty("path").GetString());
    }

    [Fact]
    public async Task Api_documents_are_listed_a_page_at_a_time_and_uploads_never_delete_ingested_folders()
    {
        await using var host = new ApiTestHost();
        using var client = host.Client();
        await ApiTestHost.IngestAsync(client, "corpus", Ct);
        using var form = Upload(("extra.md", "# Extra\n\nAn uploaded note."));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/v1/documents", form, Ct)).StatusCode);
        // Syncing the folder again must not remove the upload, which belongs to another source.
        var again = await ApiTestHost.IngestAsync(client, "corpus", Ct);
        Assert.Equal(0, again.GetProperty("counts").GetProperty("removed").GetInt32());

        var first = await client.GetFromJsonAsync<JsonElement>("/v1/documents?offset=0&limit=4", Ct);
        var second = await client.GetFromJsonAsync<JsonElement>("/v1/documents?offset=4&limit=4", Ct);
        var third = await client.GetFromJsonAsync<JsonElement>("/v1/documents?offset=8&limit=4", Ct);
        Assert.Equal(9, first.GetProperty("total").GetInt32());
        var paths = new[] { first, second, third }.SelectMany(p => p.GetProperty("items").EnumerateArray()).Select(d => d.GetProperty("path").GetString()).ToList();
        Assert.Equal(9, paths.Distinct().Count());
        Assert.Contains("extra.md", paths);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/v1/documents?limit=0", Ct)).StatusCode);
    }
}
