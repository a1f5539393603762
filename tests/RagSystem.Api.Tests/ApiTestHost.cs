using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using RagSystem.Testing;

namespace RagSystem.Api.Tests;

/// <summary>The real service in process (<see cref="WebApplicationFactory{TEntryPoint}"/> over <c>Program</c>) on its own data
/// folder, models folder and one allowed root holding a copy of the repository's <c>corpus/</c>.</summary>
public sealed class ApiTestHost : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    /// <summary>Creates the host; nothing starts until the first client is made.</summary>
    /// <param name="settings">Configuration keys to set or override, such as <c>Rag:Api:Keys:0</c>.</param>
    /// <param name="data">The data folder to use (to restart on the same one); a new one when null.</param>
    /// <param name="models">Set up the models folder (for example with a tiny encoder); empty when null.</param>
    /// <param name="services">Changes to the service's registrations, made after its own.</param>
    public ApiTestHost(IReadOnlyDictionary<string, string?>? settings = null, TempDirectory? data = null, Action<string>? models = null,
        Action<IServiceCollection>? services = null)
    {
        _services = services;
        OwnsData = data is null;
        Data = data ?? new TempDirectory("rag-api-data");
        Models = new TempDirectory("rag-api-models");
        Root = new TempDirectory("rag-api-root");
        RepositoryRoot.CopyDirectory(RepositoryRoot.Corpus, CorpusFolder);
        models?.Invoke(Models.Path);
        _settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Rag:DataDirectory"] = Data.Path,
            ["Rag:ModelsDirectory"] = Models.Path,
            ["Rag:Api:AllowedRoots:0"] = Root.Path,
            // Job polling would hit the default limit on a slow machine; the rate-limit test sets its own.
            ["Rag:Api:RateLimitPermits"] = "0",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) _settings[k] = v;
    }

    /// <summary>The data folder (store, jobs.db).</summary>
    public TempDirectory Data { get; }

    /// <summary>The models folder.</summary>
    public TempDirectory Models { get; }

    /// <summary>The allowed root.</summary>
    public TempDirectory Root { get; }

    /// <summary>The corpus copy under the allowed root.</summary>
    public string CorpusFolder => Path.Combine(Root.Path, "corpus");

    private bool OwnsData { get; }

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        if (_services is not null) builder.ConfigureTestServices(_services);
    }

    /// <summary>A client that sends <paramref name="key"/> as X-Api-Key, when given.</summary>
    public HttpClient Client(string? key = null)
    {
        var client = CreateClient();
        if (key is not null) client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    /// <summary>Starts an ingestion job for <paramref name="path"/> and waits until it has finished; returns the job.</summary>
    public static async Task<JsonElement> IngestAsync(HttpClient client, string path, CancellationToken ct)
    {
        using var response = await client.PostAsJsonAsync("/v1/ingestions", new { path }, ct);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        return await WaitForJobAsync(client, response.Headers.Location!.ToString(), ct);
    }

    /// <summary>Polls a job until it is succeeded, failed or cancelled (or fails the test after two minutes).</summary>
    public static async Task<JsonElement> WaitForJobAsync(HttpClient client, string location, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        var job = default(JsonElement);
        while (DateTime.UtcNow < deadline)
        {
            job = await client.GetFromJsonAsync<JsonElement>(location, ct);
            if (job.GetProperty("state").GetString() is "succeeded" or "failed" or "cancelled") return job;
            await Task.Delay(100, ct);
        }
        throw new TimeoutException($"{location} did not finish within two minutes; last seen: {job}");
    }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Models.Dispose();
        Root.Dispose();
        if (OwnsData) Data.Dispose();
    }
}
