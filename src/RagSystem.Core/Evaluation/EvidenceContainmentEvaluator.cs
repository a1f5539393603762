namespace RagSystem.Evaluation;

/// <summary>Evidence containment: every <c>must_contain</c> string (else the expected answer) occurs in the passages the
/// answer cites. A not-found answer cites nothing and fails it.</summary>
public sealed class EvidenceContainmentEvaluator : QaEvaluatorBase
{
    /// <summary>The metric's name.</summary>
    public const string Name = "Evidence containment";

    /// <inheritdoc />
    protected override string MetricName => Name;

    /// <inheritdoc />
    protected override (bool? Value, string Reason) Judge(RagAnswerContext answer, QaItem item)
    {
        if (!item.Answerable || item.EvidenceStrings.Count == 0) return (null, "no evidence strings");
        var cited = string.Join("\n", answer.Answer.Citations.Select(c => c.Text));
        var missing = item.EvidenceStrings.Where(s => !TextContainment.Contains(cited, s)).ToList();
        return missing.Count == 0 ? (true, "all evidence strings are in the cited passages")
            : (false, $"not in the {answer.Answer.Citations.Count} cited passages: {string.Join("; ", missing)}");
    }
}
