using RagSystem.Answering;

namespace RagSystem.Evaluation;

/// <summary>The four figures of a question set. A figure is null when no line of the set could measure it.</summary>
/// <param name="Questions">Lines evaluated.</param>
/// <param name="SourceHitAtK">Share of lines with an expected source whose source was among the top k passages.</param>
/// <param name="K">The k of <paramref name="SourceHitAtK"/>.</param>
/// <param name="EvidenceContainment">Share of answerable lines whose evidence strings all occur in the cited passages.</param>
/// <param name="AnswerContainment">Share of answerable lines whose expected text occurs in the answer.</param>
/// <param name="NotFoundPrecision">Of the not_found answers, the share given to unanswerable lines.</param>
/// <param name="NotFoundRecall">Of the unanswerable lines, the share answered not_found.</param>
public sealed record QaEvaluationSummary(int Questions, double? SourceHitAtK, int K, double? EvidenceContainment,
    double? AnswerContainment, double? NotFoundPrecision, double? NotFoundRecall)
{
    /// <summary>Computes the figures from per-line results.</summary>
    public static QaEvaluationSummary From(IReadOnlyList<QaItemResult> results, int k)
    {
        var notFound = results.Where(r => r.Answer.Mode == AnswerMode.NotFound).ToList();
        var unanswerable = results.Where(r => !r.Item.Answerable).ToList();
        return new QaEvaluationSummary(results.Count,
            Share(results, SourceHitEvaluator.Name), k,
            Share(results, EvidenceContainmentEvaluator.Name),
            Share(results, AnswerContainmentEvaluator.Name),
            notFound.Count == 0 ? null : notFound.Count(r => !r.Item.Answerable) / (double)notFound.Count,
            unanswerable.Count == 0 ? null : unanswerable.Count(r => r.Answer.Mode == AnswerMode.NotFound) / (double)unanswerable.Count);
    }

    private static double? Share(IReadOnlyList<QaItemResult> results, string metric)
    {
        var judged = results.Select(r => r.Value(metric)).OfType<bool>().ToList();
        return judged.Count == 0 ? null : judged.Count(v => v) / (double)judged.Count;
    }
}
