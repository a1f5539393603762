using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace RagSystem.Api.Tests;

public sealed class ApiSecurityTests
{
    private const string ReadOnlyKey = "read-only-key-123";
    private const string ReadWriteKey = "read-write-key-456";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ApiTestHost KeyedHost(Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?> { ["Rag:Api:Keys:0"] = ReadWriteKey + ":rw", ["RAG_API_KEYS"] = ReadOnlyKey + ":ro" };
        foreach (var (k, v) in extra ?? []) settings[k] = v;
        return new ApiTestHost(settings);
    }

    [Fact]
    public async Task Api_without_a_key_is_401_problem_details_and_health_needs_none()
    {
        await using var host = KeyedHost();
        using var client = host.Client();
        using var response = await client.PostAsJsonAsync("/v1/search", new { query = "tokens" }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        Assert.Contains("X-Api-Key", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/openapi/v1.json", Ct)).StatusCode);
    }

    [Fact]
    public async Task Api_with_a_wrong_key_is_401()
    {
        await using var host = KeyedHost();
        using var client = host.Client("not-a-configured-key");
        using var response = await client.PostAsJsonAsync("/v1/search", new { query = "tokens" }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Unknown", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_read_only_key_may_search_and_query_but_writes_are_403()
    {
        await using var host = KeyedHost();
        using var client = host.Client(ReadOnlyKey);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/v1/search", new { query = "tokens" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/v1/query", new { question = "what is a token?" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/documents", Ct)).StatusCode);

        using var ingest = await client.PostAsJsonAsync("/v1/ingestions", new { path = "corpus" }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, ingest.StatusCode);
        Assert.Contains(":rw", (await ingest.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.DeleteAsync("/v1/documents/abc", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.DeleteAsync("/v1/ingestions/abc", Ct)).StatusCode);
        using var upload = new MultipartFormDataContent { { new StringContent("hello"), "files", "a.txt" } };
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/v1/documents", upload, Ct)).StatusCode);
    }

    [Fact]
    public async Task Api_read_write_key_as_bearer_token_may_ingest()
    {
        await using var host = KeyedHost();
        using var client = host.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ReadWriteKey);
        var job = await ApiTestHost.IngestAsync(client, "corpus", Ct);
        Assert.Equal("succeeded", job.GetProperty("state").GetString());
    }

    [Theory]
    [InlineData("../")]
    [InlineData("corpus/../../")]
    [InlineData("/etc")]
    public async Task Api_ingestion_paths_outside_the_allowed_roots_are_403(string path)
    {
        await using var host = new ApiTestHost();
        using var client = host.Client();
        using var response = await client.PostAsJsonAsync("/v1/ingestions", new { path }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("outside the allowed roots", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_a_symlink_inside_a_root_that_escapes_it_is_403_and_one_that_stays_inside_is_allowed()
    {
        await using var host = new ApiTestHost();
        using var outside = new Testing.TempDirectory("rag-outside");
        outside.WriteFile("secret.md", "# Secret\n\nNot for the index.");
        Directory.CreateSymbolicLink(Path.Combine(host.Root.Path, "escape"), outside.Path);
        Directory.CreateSymbolicLink(Path.Combine(host.Root.Path, "inside"), host.CorpusFolder);
        using var client = host.Client();

        using var escape = await client.PostAsJsonAsync("/v1/ingestions", new { path = "escape" }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, escape.StatusCode);
        using var nested = await client.PostAsJsonAsync("/v1/ingestions", new { path = Path.Combine(host.Root.Path, "escape", "..", "escape") }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, nested.StatusCode);
        using var inside = await client.PostAsJsonAsync("/v1/ingestions", new { path = "inside" }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, inside.StatusCode);
    }

    [Fact]
    public async Task Api_without_allowed_roots_refuses_every_folder_with_403()
    {
        await using var host = new ApiTestHost(new Dictionary<string, string?> { ["Rag:Api:AllowedRoots:0"] = "" });
        using var client = host.Client();
        using var response = await client.PostAsJsonAsync("/v1/ingestions", new { path = host.CorpusFolder }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("AllowedRoots", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_oversize_upload_is_413_and_an_unsupported_type_is_415()
    {
        await using var host = new ApiTestHost(new Dictionary<string, string?> { ["Rag:Api:MaxUploadBytes"] = "1000" });
        using var client = host.Client();
        using var big = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(new string('a', 5000))), "files", "big.txt" } };
        using var tooLarge = await client.PostAsync("/v1/documents", big, Ct);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Contains("MaxUploadBytes", (await tooLarge.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var exe = new MultipartFormDataContent { { new ByteArrayContent([0x4d, 0x5a]), "files", "tool.exe" } };
        using var unsupported = await client.PostAsync("/v1/documents", exe, Ct);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, unsupported.StatusCode);
        Assert.Equal(415, (await unsupported.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Api_rate_limit_per_key_is_429_with_retry_after_and_other_keys_are_unaffected()
    {
        await using var host = KeyedHost(new Dictionary<string, string?> { ["Rag:Api:RateLimitPermits"] = "3", ["Rag:Api:RateLimitWindow"] = "00:01:00" });
        using var limited = host.Client(ReadOnlyKey);
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await limited.GetAsync("/v1/models", Ct)).StatusCode);
        using var rejected = await limited.GetAsync("/v1/models", Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, rejected.StatusCode);
        Assert.True(rejected.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(429, (await rejected.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetInt32());

        using var other = host.Client(ReadWriteKey);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/v1/models", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await limited.GetAsync("/health/live", Ct)).StatusCode);
    }

    [Fact]
    public async Task Api_cors_is_off_by_default()
    {
        await using var host = new ApiTestHost();
        using var client = host.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        request.Headers.Add("Origin", "https://example.org");
        using var response = await client.SendAsync(request, Ct);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }
}
