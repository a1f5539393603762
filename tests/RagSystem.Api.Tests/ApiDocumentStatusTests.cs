using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace RagSystem.Api.Tests;

/// <summary>Each listed document's status: indexed, or failed with the reason the store remembers.</summary>
public sealed class ApiDocumentStatusTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JsonElement? Find(JsonElement page, string path) =>
        page.GetProperty("items").EnumerateArray().Cast<JsonElement?>().FirstOrDefault(d => d!.Value.GetProperty("path").GetString() == path);

    [Fact]
    public async Task Api_document_list_shows_indexed_and_failed_documents_with_the_reason()
    {
        await using var host = new ApiTestHost();
        await File.WriteAllTextAsync(Path.Combine(host.CorpusFolder, "broken.pdf"), "this is not a PDF at all", Ct);
        using var client = host.Client();
        var job = await ApiTestHost.IngestAsync(client, "corpus", Ct);
        Assert.Equal("succeeded", job.GetProperty("state").GetString());

        var stored = await client.GetFromJsonAsync<JsonElement>("/v1/documents?limit=100", Ct);
        Assert.Null(Find(stored, "broken.pdf"));
        var markdown = Find(stored, "tokens-and-embeddings.md")!.Value;
        Assert.Equal("indexed", markdown.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, markdown.GetProperty("failure").ValueKind);

        var all = await client.GetFromJsonAsync<JsonElement>("/v1/documents?limit=100&include=failed", Ct);
        Assert.Equal(stored.GetProperty("total").GetInt32() + 1, all.GetProperty("total").GetInt32());
        var broken = Find(all, "broken.pdf")!.Value;
        Assert.Equal("failed", broken.GetProperty("status").GetString());
        Assert.Equal(0, broken.GetProperty("chunk_count").GetInt32());
        Assert.Equal("corrupt", broken.GetProperty("failure").GetProperty("kind").GetString());
        Assert.False(string.IsNullOrWhiteSpace(broken.GetProperty("failure").GetProperty("reason").GetString()));
        var paths = all.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("path").GetString()!).ToList();
        Assert.Equal(paths.Order(StringComparer.Ordinal), paths);

        using var bad = await client.GetAsync("/v1/documents?include=everything", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Api_a_document_whose_new_bytes_fail_is_failed_while_its_earlier_version_stays_indexed()
    {
        await using var host = new ApiTestHost();
        var notes = Path.Combine(host.CorpusFolder, "notes.md");
        await File.WriteAllTextAsync(notes, "# Notes\n\nThe wombat digs long burrows with its strong claws.\n", Ct);
        using var client = host.Client();
        await ApiTestHost.IngestAsync(client, "corpus", Ct);
        await File.WriteAllBytesAsync(notes, [], Ct);
        await ApiTestHost.IngestAsync(client, "corpus", Ct);

        var page = await client.GetFromJsonAsync<JsonElement>("/v1/documents?limit=100", Ct);
        var document = Find(page, "notes.md")!.Value;
        Assert.Equal("failed", document.GetProperty("status").GetString());
        Assert.True(document.GetProperty("chunk_count").GetInt32() > 0);
        Assert.Equal("empty", document.GetProperty("failure").GetProperty("kind").GetString());
        var one = await client.GetFromJsonAsync<JsonElement>($"/v1/documents/{document.GetProperty("id").GetString()}", Ct);
        Assert.Equal("failed", one.GetProperty("status").GetString());
    }
}
