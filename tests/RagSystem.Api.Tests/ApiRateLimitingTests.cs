using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace RagSystem.Api.Tests;

/// <summary>What the rate limit counts: calls to <c>/v1</c> (the REST endpoints and the OpenAI-compatible ones) per key; never
/// the web page's own files, a missing static file such as <c>favicon.ico</c>, the API reference or the health checks.</summary>
public sealed class ApiRateLimitingTests
{
    private const string Key = "rate-limited-key";
    private const string OtherKey = "another-key";
    private const int Permits = 3;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // What a browser fetches to show the page and the API reference, some of it twice (a reload).
    private static readonly string[] NotCounted =
    [
        "/", "/index.html", "/app.js", "/api.js", "/ask.js", "/library.js", "/styles.css", "/favicon.ico",
        "/openapi/v1.json", "/scalar/v1", "/health/live", "/", "/app.js", "/styles.css", "/favicon.ico",
    ];

    private static ApiTestHost LimitedHost() => new(new Dictionary<string, string?>
    {
        ["Rag:Api:Keys:0"] = Key + ":rw",
        ["Rag:Api:Keys:1"] = OtherKey + ":ro",
        ["Rag:Api:RateLimitPermits"] = Permits.ToString(System.Globalization.CultureInfo.InvariantCulture),
        // Long enough that the window cannot roll over during the test, so the count below is exact.
        ["Rag:Api:RateLimitWindow"] = "00:10:00",
    });

    [Fact]
    public async Task Api_rate_limit_counts_v1_calls_but_not_the_web_page_files_the_api_reference_or_health()
    {
        await using var host = LimitedHost();
        using var client = host.Client(Key);
        foreach (var path in NotCounted.Concat(NotCounted))
        {
            using var response = await client.GetAsync(path, Ct);
            Assert.True(response.StatusCode != HttpStatusCode.TooManyRequests, $"{path} was rate limited");
        }
        // The page's files were really served, not refused some other way.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/app.js", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/openapi/v1.json", Ct)).StatusCode);

        // The permits go to the API's work: the REST endpoints and the OpenAI-compatible ones share the key's count.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/documents", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/models", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/v1/search", new { query = "tokens" }, Ct)).StatusCode);
        using var rejected = await client.PostAsJsonAsync("/v1/chat/completions",
            new { model = "rag", messages = new[] { new { role = "user", content = "What is a token?" } } }, Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, rejected.StatusCode);
        var retryAfter = rejected.Headers.RetryAfter?.Delta;
        // The limiter reports the window's length as the wait of a fixed window (the README says so).
        Assert.Equal(TimeSpan.FromSeconds(600), retryAfter);
        var problem = await rejected.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Contains($"{Permits} requests per 600 s", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Once limited, the key's API calls are refused but the page still loads, and another key keeps its own count.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync("/v1/documents", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/library.js", Ct)).StatusCode);
        using var other = host.Client(OtherKey);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/v1/documents", Ct)).StatusCode);
    }

    [Fact]
    public async Task Api_rate_limit_does_not_count_calls_the_key_check_refused()
    {
        await using var host = LimitedHost();
        using var readOnly = host.Client(OtherKey);
        using var anonymous = host.Client();
        // Twice the permits of refused calls: writes with the read-only key (403) and calls with no key (401).
        for (var i = 0; i < 2 * Permits; i++)
        {
            using var forbidden = await readOnly.DeleteAsync("/v1/documents/no-such-document", Ct);
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
            using var unauthorized = await anonymous.GetAsync("/v1/documents", Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        }
        // The read-only key still has all its permits, and no more.
        for (var i = 0; i < Permits; i++) Assert.Equal(HttpStatusCode.OK, (await readOnly.GetAsync("/v1/documents", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await readOnly.GetAsync("/v1/documents", Ct)).StatusCode);
    }
}
