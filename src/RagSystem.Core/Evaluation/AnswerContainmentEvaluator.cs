namespace RagSystem.Evaluation;

/// <summary>Answer containment: the expected <c>answer</c> (else every <c>must_contain</c> string) occurs in the answer text.</summary>
public sealed class AnswerContainmentEvaluator : QaEvaluatorBase
{
    /// <summary>The metric's name.</summary>
    public const string Name = "Answer containment";

    /// <inheritdoc />
    protected override string MetricName => Name;

    /// <inheritdoc />
    protected override (bool? Value, string Reason) Judge(RagAnswerContext answer, QaItem item)
    {
        if (!item.Answerable) return (null, "unanswerable question");
        IReadOnlyList<string> wanted = item.Answer is { Length: > 0 } a ? [a] : item.MustContain;
        if (wanted.Count == 0) return (null, "no expected answer");
        var missing = wanted.Where(s => !TextContainment.Contains(answer.Answer.Text, s)).ToList();
        return missing.Count == 0 ? (true, "the answer contains the expected text") : (false, $"not in the answer: {string.Join("; ", missing)}");
    }
}
