namespace RagSystem.Api.Tests;

/// <summary>A host whose index holds the repository's corpus, ingested once through the job API, shared by a test class.</summary>
public sealed class IngestedCorpus : IAsyncLifetime
{
    /// <summary>The host.</summary>
    public ApiTestHost Host { get; } = new();

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        using var client = Host.Client();
        var job = await ApiTestHost.IngestAsync(client, "corpus", TestContext.Current.CancellationToken);
        Assert.Equal("succeeded", job.GetProperty("state").GetString());
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
