namespace RagSystem.Evaluation;

/// <summary>Ranking metrics as trec_eval (and so pytrec_eval and BEIR) computes them. A run is first ordered by
/// <see cref="Rank"/>: score descending, ties by document id descending, which is trec_eval's order.</summary>
public static class RetrievalMetrics
{
    /// <summary>Orders a run the way trec_eval does: score descending, then document id descending (ordinal string order).</summary>
    public static IReadOnlyList<string> Rank(IEnumerable<(string DocumentId, double Score)> run) =>
        run.OrderByDescending(r => r.Score).ThenByDescending(r => r.DocumentId, StringComparer.Ordinal).Select(r => r.DocumentId).ToList();

    /// <summary>nDCG@k with linear gain (gain = relevance grade, trec_eval's ndcg_cut): DCG = Σ rel_i / log2(i + 1) over the
    /// first k ranks, divided by the DCG of the ideal ordering of all judged relevant documents. Grades ≤ 0 count as 0.</summary>
    public static double NdcgAt(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> qrels, int k)
    {
        var dcg = 0.0;
        for (var i = 0; i < Math.Min(k, ranked.Count); i++)
        {
            if (qrels.TryGetValue(ranked[i], out var rel) && rel > 0) dcg += rel / Math.Log2(i + 2);
        }
        var ideal = qrels.Values.Where(r => r > 0).OrderDescending().Take(k).Select((rel, i) => rel / Math.Log2(i + 2)).Sum();
        return ideal == 0 ? 0 : dcg / ideal;
    }

    /// <summary>Recall@k: relevant documents (grade &gt; 0) in the first k ranks ÷ all relevant documents.</summary>
    public static double RecallAt(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> qrels, int k)
    {
        var relevant = qrels.Values.Count(r => r > 0);
        if (relevant == 0) return 0;
        var found = ranked.Take(k).Count(id => qrels.TryGetValue(id, out var rel) && rel > 0);
        return (double)found / relevant;
    }

    /// <summary>Reciprocal rank within k: 1 / rank of the first relevant document in the first k ranks, else 0.</summary>
    public static double ReciprocalRankAt(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> qrels, int k)
    {
        for (var i = 0; i < Math.Min(k, ranked.Count); i++)
        {
            if (qrels.TryGetValue(ranked[i], out var rel) && rel > 0) return 1.0 / (i + 1);
        }
        return 0;
    }
}
