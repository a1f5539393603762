using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace RagSystem.Api.Tests;

/// <summary>Request bodies are snake_case, and a field the service does not know (a camelCase spelling, a typo) is a 400
/// that names the field and the one that was meant, never silently ignored.</summary>
public sealed class ApiRequestFieldTests(IngestedCorpus corpus) : IClassFixture<IngestedCorpus>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/v1/query", """{"question": "tokens", "topK": 3}""", "topK", "top_k")]
    [InlineData("/v1/query", """{"question": "tokens", "TOP_K": 3}""", "TOP_K", "top_k")]
    [InlineData("/v1/search", """{"query": "tokens", "topK": 3}""", "topK", "top_k")]
    [InlineData("/v1/search", """{"query": "tokens", "filters": {"pathPrefix": "tokens"}}""", "pathPrefix", "path_prefix")]
    [InlineData("/v1/query", """{"question": "tokens", "filters": {"documentIds": ["a"]}}""", "documentIds", "document_ids")]
    [InlineData("/v1/ingestions", """{"Path": "corpus"}""", "Path", "path")]
    public async Task Api_wrongly_cased_fields_are_400_naming_the_snake_case_field(string endpoint, string body, string sent, string meant)
    {
        using var client = corpus.Host.Client();
        using var response = await client.PostAsync(endpoint, new StringContent(body, Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains($"'{sent}'", detail, StringComparison.Ordinal);
        Assert.Contains($"did you mean '{meant}'", detail, StringComparison.Ordinal);
        Assert.Equal("Unknown field", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Api_an_unknown_field_with_no_near_name_lists_the_fields_of_the_request()
    {
        using var client = corpus.Host.Client();
        using var response = await client.PostAsync("/v1/search",
            new StringContent("""{"query": "tokens", "colour": "red"}""", Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString()!;
        Assert.Contains("'colour'", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("did you mean", detail, StringComparison.Ordinal);
        Assert.Contains("query, top_k, filters", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_snake_case_top_k_is_honoured()
    {
        using var client = corpus.Host.Client();
        using var response = await client.PostAsJsonAsync("/v1/search", new { query = "tokens embeddings", top_k = 3 }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("hits").GetArrayLength());
    }
}
