using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RagSystem.Testing.Onnx;

namespace RagSystem.Api.Tests;

public sealed class ApiOpenApiAndHealthTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Api_openapi_document_lists_every_endpoint_with_its_schemas()
    {
        await using var host = new ApiTestHost();
        using var client = host.Client();
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct);
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = document.GetProperty("paths");
        var expected = new (string Path, string Method)[]
        {
            ("/v1/query", "post"), ("/v1/search", "post"),
            ("/v1/ingestions", "post"), ("/v1/ingestions", "get"), ("/v1/ingestions/{id}", "get"), ("/v1/ingestions/{id}", "delete"),
            ("/v1/documents", "post"), ("/v1/documents", "get"), ("/v1/documents/{id}", "get"), ("/v1/documents/{id}", "delete"),
            ("/v1/chat/completions", "post"), ("/v1/models", "get"), ("/v1/embeddings", "post"),
        };
        foreach (var (path, method) in expected)
        {
            Assert.True(paths.TryGetProperty(path, out var item), $"{path} is missing from the OpenAPI document");
            Assert.True(item.TryGetProperty(method, out var operation), $"{method.ToUpperInvariant()} {path} is missing");
            Assert.False(string.IsNullOrEmpty(operation.GetProperty("summary").GetString()), $"{method} {path} has no summary");
            Assert.True(operation.GetProperty("responses").EnumerateObject().Any(), $"{method} {path} has no responses");
        }

        var schemas = document.GetProperty("components").GetProperty("schemas");
        var query = schemas.GetProperty("QueryRequest").GetProperty("properties");
        Assert.True(query.TryGetProperty("question", out _));
        Assert.True(query.TryGetProperty("top_k", out _));
        Assert.True(query.TryGetProperty("filters", out _));
        Assert.True(schemas.GetProperty("AnswerJsonDocument").GetProperty("properties").TryGetProperty("citations", out _));
        Assert.True(schemas.GetProperty("IngestionJob").GetProperty("properties").TryGetProperty("state", out _));
        Assert.True(schemas.TryGetProperty("ProblemDetails", out _));
        Assert.True(schemas.TryGetProperty("SearchResponse", out _));
        Assert.True(document.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("ApiKey", out _));
    }

    [Fact]
    public async Task Api_scalar_reference_page_is_served()
    {
        await using var host = new ApiTestHost();
        using var client = host.Client();
        using var response = await client.GetAsync("/scalar/v1", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(page.Contains("openapi/v1.json", StringComparison.Ordinal), page);
    }

    [Fact]
    public async Task Api_health_live_and_ready_report_the_store_and_the_models()
    {
        await using var host = new ApiTestHost();
        using var client = host.Client();
        var live = await client.GetFromJsonAsync<JsonElement>("/health/live", Ct);
        Assert.Equal("healthy", live.GetProperty("status").GetString());
        using var ready = await client.GetAsync("/health/ready", Ct);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var report = await ready.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("healthy", report.GetProperty("checks").GetProperty("store").GetProperty("status").GetString());
        var models = report.GetProperty("checks").GetProperty("models");
        Assert.False(models.GetProperty("data").GetProperty("embedding").GetBoolean());
        Assert.Contains("no embedding model", models.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_health_ready_is_503_when_an_installed_model_is_broken()
    {
        await using var host = new ApiTestHost(models: models =>
        {
            var modelFile = TinyModelFolder.WriteEncoder(Path.Combine(models, "embedding"));
            File.WriteAllText(modelFile, "not an onnx file");
        });
        using var client = host.Client();
        using var ready = await client.GetAsync("/health/ready", Ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var report = await ready.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("unhealthy", report.GetProperty("checks").GetProperty("models").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live", Ct)).StatusCode);
    }

    [Fact]
    public async Task Api_unknown_routes_and_wrong_content_types_are_problem_details()
    {
        await using var host = new ApiTestHost();
        using var client = host.Client();
        using var missing = await client.GetAsync("/v1/nothing-here", Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        using var text = await client.PostAsync("/v1/query", new StringContent("question?"), Ct);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
        Assert.Equal(415, (await text.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetInt32());
    }
}
