using System.Globalization;
using System.Net;
using RagSystem.Testing;

namespace RagSystem.Api.Tests;

/// <summary>The page's service with a small rate limit (<see cref="Permits"/> API calls per <see cref="Window"/> for each key),
/// holding one Markdown document of the corpus: uploaded in one request, since a corpus job's polling would spend the limit.</summary>
public sealed class WebPageRateLimitedHost : WebPageHost
{
    /// <summary>API calls each key may make per window: more than the page spends to load (its document list, twice).</summary>
    public const int Permits = 4;

    /// <summary>The window: 2.5 s, so the whole seconds of <c>Retry-After</c> (3) end after the window has certainly turned,
    /// including the limiter's 100 ms replenishment tick.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMilliseconds(2500);

    /// <summary>The document the index holds.</summary>
    public const string DocumentName = "retrieval-augmented-generation.md";

    /// <inheritdoc />
    protected override ApiTestHost CreateHost(Dictionary<string, string?> settings)
    {
        settings["Rag:Api:RateLimitPermits"] = Permits.ToString(CultureInfo.InvariantCulture);
        settings["Rag:Api:RateLimitWindow"] = Window.ToString("c", CultureInfo.InvariantCulture);
        return new ApiTestHost(settings);
    }

    /// <inheritdoc />
    protected override async Task SeedAsync(HttpClient client, CancellationToken ct)
    {
        var bytes = await File.ReadAllBytesAsync(Path.Combine(RepositoryRoot.Corpus, DocumentName), ct);
        using var form = new MultipartFormDataContent { { new ByteArrayContent(bytes), "files", DocumentName } };
        using var response = await client.PostAsync("/v1/documents", form, ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
