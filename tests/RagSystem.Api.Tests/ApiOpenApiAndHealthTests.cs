using System.Globalization;
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
            ("/v1/documents/{id}/file", "get"), ("/health/live", "get"), ("/health/ready", "get"),
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
        Assert.True(schemas.GetProperty("HealthReportJson").GetProperty("properties").TryGetProperty("checks", out _));
        Assert.True(document.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("ApiKey", out _));
    }

    [Fact]
    public async Task Api_openapi_every_operation_has_request_and_response_examples_that_fit_their_schemas()
    {
        await using var host = new ApiTestHost();
        using var client = host.Client();
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct);
        var validator = new OpenApiExampleValidator(document);
        var errors = new List<string>();
        var checkedExamples = 0;
        var checkedForms = 0;
        foreach (var path in document.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/v1/", StringComparison.Ordinal)))
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var where = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                var id = operation.Value.GetProperty("operationId").GetString();
                if (operation.Value.TryGetProperty("requestBody", out var body))
                {
                    // Every request body has an example, JSON and multipart/form-data (the upload) alike.
                    foreach (var media in body.GetProperty("content").EnumerateObject())
                    {
                        checkedExamples += CheckMedia($"{where} request {media.Name}", media.Value);
                        if (media.Name == "multipart/form-data") checkedForms++;
                    }
                }
                var responses = operation.Value.GetProperty("responses");
                Assert.True(responses.TryGetProperty("401", out _), $"{where} does not document 401");
                Assert.True(responses.TryGetProperty("429", out _), $"{where} does not document 429");
                foreach (var response in responses.EnumerateObject())
                {
                    if (!response.Value.TryGetProperty("content", out var content)) continue;
                    foreach (var media in content.EnumerateObject())
                    {
                        var label = $"{where} {response.Name} {media.Name}";
                        if (media.Name == "text/event-stream")
                        {
                            var stream = media.Value.TryGetProperty("example", out var s) ? s.GetString() : null;
                            Assert.False(string.IsNullOrEmpty(stream), $"{label} has no example");
                            Assert.Contains(id == "Query" ? "event: done\ndata: {" : "data: [DONE]", stream, StringComparison.Ordinal);
                            continue;
                        }
                        Assert.NotEqual("application/json", response.Name[0] is '4' or '5' ? media.Name : "");
                        // Binary bodies (a PDF, say) need no example; every JSON body does.
                        if (!media.Name.Contains("json", StringComparison.Ordinal)) continue;
                        checkedExamples += CheckMedia(label, media.Value);
                        if (media.Name == "application/problem+json")
                            Assert.Equal(int.Parse(response.Name, CultureInfo.InvariantCulture), media.Value.GetProperty("example").GetProperty("status").GetInt32());
                    }
                }
            }
        }
        foreach (var schema in document.GetProperty("components").GetProperty("schemas").EnumerateObject())
        {
            if (!schema.Value.TryGetProperty("examples", out var examples)) continue;
            foreach (var example in examples.EnumerateArray()) errors.AddRange(validator.Validate(example, schema.Value, $"components.{schema.Name}"));
        }
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        Assert.True(checkedExamples >= 40, $"only {checkedExamples} examples were checked");
        Assert.Equal(1, checkedForms);

        // The upload's form names its parts as the endpoint reads them: one or more 'files' (binary), optional 'tags'.
        var upload = document.GetProperty("paths").GetProperty("/v1/documents").GetProperty("post").GetProperty("requestBody")
            .GetProperty("content").GetProperty("multipart/form-data");
        var form = upload.GetProperty("example");
        Assert.Equal(JsonValueKind.String, form.GetProperty("files")[0].ValueKind);
        Assert.Equal("llm,notes", form.GetProperty("tags").GetString());
        var formSchema = Resolve(upload.GetProperty("schema"));
        Assert.Equal(["files"], formSchema.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("binary", Resolve(Resolve(formSchema.GetProperty("properties").GetProperty("files")).GetProperty("items")).GetProperty("format").GetString());
        Assert.Contains(validator.Validate(JsonDocument.Parse("""{"file": "x"}""").RootElement, upload.GetProperty("schema")),
            e => e.Contains("'files'", StringComparison.Ordinal));

        // The check itself can fail: the camelCase spelling is not a field of the query request.
        var wrong = JsonDocument.Parse("""{"question": "q", "topK": 3}""").RootElement;
        Assert.Contains(validator.Validate(wrong, document.GetProperty("components").GetProperty("schemas").GetProperty("QueryRequest")),
            e => e.Contains("'topK'", StringComparison.Ordinal));
        Assert.Contains(validator.Validate(JsonDocument.Parse("{}").RootElement,
            document.GetProperty("components").GetProperty("schemas").GetProperty("QueryRequest")), e => e.Contains("'question'", StringComparison.Ordinal));

        JsonElement Resolve(JsonElement schema) => schema.TryGetProperty("$ref", out var reference)
            ? document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Replace("#/components/schemas/", "", StringComparison.Ordinal))
            : schema;

        int CheckMedia(string label, JsonElement media)
        {
            if (!media.TryGetProperty("example", out var example))
            {
                errors.Add($"{label} has no example (add one for its type to src/RagSystem.Api/OpenApi/ApiExamples.cs)");
                return 0;
            }
            errors.AddRange(validator.Validate(example, media.GetProperty("schema"), label));
            return 1;
        }
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
    public async Task Api_health_ready_is_503_when_the_store_cannot_be_reached()
    {
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        // Qdrant configured on a loopback port where nothing listens.
        await using var host = new ApiTestHost(new Dictionary<string, string?>
        {
            ["Rag:Store:Kind"] = "qdrant",
            ["Rag:Store:Qdrant:Url"] = $"http://127.0.0.1:{port}",
        });
        using var client = host.Client();
        using var ready = await client.GetAsync("/health/ready", Ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var store = (await ready.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("checks").GetProperty("store");
        Assert.Equal("unhealthy", store.GetProperty("status").GetString());
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
