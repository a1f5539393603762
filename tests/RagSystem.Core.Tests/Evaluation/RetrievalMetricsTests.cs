using RagSystem.Evaluation;

namespace RagSystem.Core.Tests.Evaluation;

public sealed class RetrievalMetricsTests
{
    // Judged: d1 (grade 1), d2 (grade 2), d3 (grade 1), d9 (grade 0, judged non-relevant).
    private static readonly Dictionary<string, int> Qrels = new() { ["d1"] = 1, ["d2"] = 2, ["d3"] = 1, ["d9"] = 0 };
    private static readonly string[] Ranking = ["d4", "d2", "d9", "d1", "d5"];

    [Fact]
    public void Ndcg_at_10_uses_linear_gain_and_the_ideal_ordering_of_all_judged_documents()
    {
        // DCG  = 0/log2(2) + 2/log2(3) + 0/log2(4) + 1/log2(5) + 0 = 1.2618595 + 0.4306766 = 1.6925361
        // IDCG = 2/log2(2) + 1/log2(3) + 1/log2(4)                 = 2 + 0.6309298 + 0.5     = 3.1309298
        // nDCG = 1.6925361 / 3.1309298 = 0.5405858
        Assert.Equal(0.5405858, RetrievalMetrics.NdcgAt(Ranking, Qrels, 10), 6);
        // @2: DCG = 2/log2(3) = 1.2618595; IDCG@2 = 2 + 1/log2(3) = 2.6309298 → 0.4796249
        Assert.Equal(0.4796249, RetrievalMetrics.NdcgAt(Ranking, Qrels, 2), 6);
    }

    [Fact]
    public void Recall_counts_relevant_found_over_all_relevant()
    {
        Assert.Equal(1.0 / 3, RetrievalMetrics.RecallAt(Ranking, Qrels, 2), 12);  // d2 of {d1, d2, d3}
        Assert.Equal(2.0 / 3, RetrievalMetrics.RecallAt(Ranking, Qrels, 10), 12); // d2, d1
        Assert.Equal(0, RetrievalMetrics.RecallAt(Ranking, new Dictionary<string, int> { ["x"] = 0 }, 10));
    }

    [Fact]
    public void Reciprocal_rank_is_one_over_the_first_relevant_rank_within_the_cutoff()
    {
        Assert.Equal(0.5, RetrievalMetrics.ReciprocalRankAt(Ranking, Qrels, 10), 12);
        Assert.Equal(0, RetrievalMetrics.ReciprocalRankAt(Ranking, Qrels, 1));
    }

    [Fact]
    public void Runs_are_ranked_like_trec_eval_score_descending_then_document_id_descending()
    {
        Assert.Equal(["c", "b", "a", "z"], RetrievalMetrics.Rank([("a", 1.0), ("z", 0.5), ("b", 1.0), ("c", 2.0)]));
    }
}
