using Microsoft.Extensions.Logging.Abstractions;
using RagSystem.Testing;

namespace RagSystem.Core.Tests.Composition;

public sealed class RerankerNoticeTests
{
    [Fact]
    public void A_reranker_folder_that_cannot_be_loaded_gives_a_one_line_notice_like_the_other_models()
    {
        using var models = new TempDirectory();
        models.WriteFile(Path.Combine("reranker", "model.onnx"), "not an onnx graph");
        var options = new RagOptions { DataDirectory = models.Path, ModelsDirectory = models.Path };

        using var loaded = new RagModels(options, NullLoggerFactory.Instance);

        Assert.Null(loaded.Reranker);
        var notice = Assert.Single(loaded.Notices, n => n.Contains("reranker", StringComparison.Ordinal));
        Assert.Contains(options.RerankerModelDirectory, notice);
        Assert.Contains("not usable", notice);
        Assert.DoesNotContain('\n', notice);
    }
}
