using RagSystem.Evaluation;
using RagSystem.Testing;

namespace RagSystem.IntegrationTests.Retrieval;

public sealed class SciFactLexicalEvaluationTests
{
    [Fact]
    public async Task Lexical_retrieval_on_the_scifact_test_split_reaches_published_bm25_quality()
    {
        var directory = SharedData.Find("data", "scifact");
        if (directory is null) Assert.Skip(SharedData.MissingReason("data", "scifact")!);

        var result = await new BeirEvaluator().EvaluateAsync(directory, new BeirEvaluationOptions { Split = "test" },
            cancellationToken: TestContext.Current.CancellationToken);

        // Published BM25 on SciFact test: 0.665 (multifield) to 0.679 (flat); see shared/data/published_ndcg10.md.
        Assert.Equal(300, result.Queries);
        Assert.Equal("lexical", result.Mode);
        Assert.True(result.NdcgAt10 >= 0.68, $"nDCG@10 = {result.NdcgAt10:F4}, expected at least 0.68");
        Assert.InRange(result.RecallAt100, result.RecallAt10, 1.0);
        Assert.InRange(result.MrrAt10, 0.5, 1.0);
    }
}
