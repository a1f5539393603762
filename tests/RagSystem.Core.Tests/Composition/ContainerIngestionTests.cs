using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RagSystem.Ingestion;
using RagSystem.Storage;
using RagSystem.Testing;
using RagSystem.Testing.Onnx;

namespace RagSystem.Core.Tests.Composition;

/// <summary>Ingestion through the container the CLI uses (these replace the tests of the removed <c>RagComponents</c>).</summary>
public sealed class ContainerIngestionTests
{
    private static ServiceProvider Build(string data, string models)
    {
        var services = new ServiceCollection();
        services.AddRagSystem(new ConfigurationBuilder().Build(), o => { o.DataDirectory = data; o.ModelsDirectory = models; });
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task Chunks_are_kept_within_a_short_encoder_limit_even_when_the_configured_budget_is_larger()
    {
        using var data = new TempDirectory();
        using var docs = new TempDirectory();
        using var models = new TempDirectory();
        // The tiny encoder accepts 64 positions; the default chunk budget (256) would be cut at embedding time.
        TinyModelFolder.WriteEncoder(Path.Combine(models.Path, "embedding"), new TinyModelFolderOptions { Model = new TinyBertOptions { MaxPositions = 64 } });
        docs.WriteFile("long.txt", string.Join(" ", Enumerable.Range(0, 400).Select(i => $"The model reads token {i}.")));
        await using var provider = Build(data.Path, models.Path);
        var ct = TestContext.Current.CancellationToken;

        var report = await provider.GetRequiredService<IngestionPipeline>().SyncFolderAsync(docs.Path, cancellationToken: ct);

        Assert.True(report.Chunks > 10);
        Assert.NotNull(report.EmbeddingModel);
        var store = provider.GetRequiredService<IChunkStore>();
        var doc = Assert.Single(await store.ListDocumentsAsync(ct));
        var chunks = await store.GetChunksAsync(doc.Id, includeVectors: true, ct);
        Assert.All(chunks, c => Assert.InRange(c.TokenCount, 1, 64 - 24));
        Assert.All(chunks, c => Assert.NotNull(c.Vector));
    }

    [Fact]
    public async Task Without_models_ingestion_is_lexical_and_the_notices_say_so()
    {
        using var data = new TempDirectory();
        using var docs = new TempDirectory();
        docs.WriteFile("a.md", "# Title\n\nSome words about attention.");
        await using var provider = Build(data.Path, Path.Combine(data.Path, "none"));

        var report = await provider.GetRequiredService<IngestionPipeline>().SyncFolderAsync(docs.Path, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(1, report.Added);
        Assert.Null(report.EmbeddingModel);
        Assert.Contains(provider.GetRequiredService<RagModels>().Notices, n => n.Contains("lexical search only", StringComparison.Ordinal));
    }
}
