using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using RagSystem.Testing;

namespace RagSystem.Api.Tests;

/// <summary><c>samples/http/rag.http</c> calls every operation the OpenAPI document lists, plus health, OpenAPI and Scalar;
/// and its request bodies use only fields the service accepts.</summary>
public sealed partial class ApiSamplesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Api_rag_http_sample_calls_every_endpoint()
    {
        var sample = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "samples", "http", "rag.http"), Ct);
        var called = RequestLine().Matches(sample)
            .Select(m => $"{m.Groups["method"].Value.ToLowerInvariant()} {Placeholder().Replace(m.Groups["path"].Value, "{id}")}")
            .ToHashSet(StringComparer.Ordinal);

        await using var host = new ApiTestHost();
        using var client = host.Client();
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct);
        var expected = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => $"{o.Name} {p.Name}"))
            .Concat(["get /health/live", "get /health/ready", "get /openapi/v1.json", "get /scalar/v1"])
            .ToList();
        Assert.True(expected.Count >= 17, string.Join(", ", expected));
        var missing = expected.Where(e => !called.Contains(e)).ToList();
        Assert.True(missing.Count == 0, $"rag.http does not call: {string.Join(", ", missing)}");
    }

    [Fact]
    public async Task Api_rag_http_json_bodies_are_accepted_by_the_service()
    {
        var sample = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "samples", "http", "rag.http"), Ct);
        await using var host = new ApiTestHost();
        using var client = host.Client();
        var checkedBodies = 0;
        foreach (Match request in JsonRequest().Matches(sample))
        {
            var path = request.Groups["path"].Value;
            if (path is not ("/v1/query" or "/v1/search")) continue;
            using var response = await client.PostAsync(path, new StringContent(request.Groups["body"].Value, System.Text.Encoding.UTF8, "application/json"), Ct);
            // The index is empty: a 200 (not found / no hits) shows the body was accepted; a 400 would name a bad field.
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
            checkedBodies++;
        }
        Assert.True(checkedBodies >= 3, $"only {checkedBodies} query/search bodies found in rag.http");
    }

    [GeneratedRegex(@"^(?<method>GET|POST|DELETE|PUT|PATCH) \{\{base\}\}(?<path>/[^\s?]*)", RegexOptions.Multiline)]
    private static partial Regex RequestLine();

    [GeneratedRegex(@"\{\{[^}]+\}\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^POST \{\{base\}\}(?<path>/v1/[^\s?]*)\r?\n(?:[^\r\n]+\r?\n)*\r?\n(?<body>\{[^\r\n]*\})", RegexOptions.Multiline)]
    private static partial Regex JsonRequest();
}
