using Microsoft.Extensions.Logging.Abstractions;
using RagSystem.Testing;
using RagSystem.Testing.Onnx;

namespace RagSystem.Core.Tests.Composition;

public sealed class RagComponentsTests
{
    [Fact]
    public async Task Without_models_everything_opens_with_notices_and_ingestion_is_lexical()
    {
        using var data = new TempDirectory();
        using var docs = new TempDirectory();
        docs.WriteFile("a.md", "# Title\n\nSome words about attention.");
        var options = new RagOptions { DataDirectory = data.Path, ModelsDirectory = Path.Combine(data.Path, "none") };
        await using var rag = await RagComponents.OpenAsync(options, NullLoggerFactory.Instance, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Null(rag.Models.EmbeddingGenerator);
        Assert.Contains(rag.Notices, n => n.Contains("lexical search only", StringComparison.Ordinal));
        var report = await rag.CreateIngestionPipeline().RunAsync(docs.Path, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(1, report.Added);
        Assert.Null(report.EmbeddingModel);
        Assert.False(rag.CreateAnswerer().HasGenerator);
        Assert.Contains(rag.Notices, n => n.Contains("answers are extractive", StringComparison.Ordinal));
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
        var options = new RagOptions { DataDirectory = data.Path, ModelsDirectory = models.Path };
        await using var rag = await RagComponents.OpenAsync(options, NullLoggerFactory.Instance, cancellationToken: TestContext.Current.CancellationToken);
        Assert.NotNull(rag.Models.EmbeddingGenerator);
        var report = await rag.CreateIngestionPipeline().RunAsync(docs.Path, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(report.Chunks > 10);
        var doc = Assert.Single(await rag.Store.ListDocumentsAsync(TestContext.Current.CancellationToken));
        var chunks = await rag.Store.GetChunksAsync(doc.Id, includeVectors: true, TestContext.Current.CancellationToken);
        Assert.All(chunks, c => Assert.InRange(c.TokenCount, 1, 64 - 24));
        Assert.All(chunks, c => Assert.NotNull(c.Vector));
    }
}
