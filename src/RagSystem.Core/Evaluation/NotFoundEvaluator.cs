using RagSystem.Answering;

namespace RagSystem.Evaluation;

/// <summary>Not found: whether the answer was <c>not_found</c> exactly when the line says <c>"answerable": false</c>.
/// The metric's value is whether the decision was right; <see cref="QaEvaluationSummary"/> turns the decisions into
/// not_found precision and recall.</summary>
public sealed class NotFoundEvaluator : QaEvaluatorBase
{
    /// <summary>The metric's name.</summary>
    public const string Name = "Not found decision";

    /// <inheritdoc />
    protected override string MetricName => Name;

    /// <inheritdoc />
    protected override (bool? Value, string Reason) Judge(RagAnswerContext answer, QaItem item)
    {
        var notFound = answer.Answer.Mode == AnswerMode.NotFound;
        var right = notFound == !item.Answerable;
        var said = notFound ? "not_found" : "answered";
        return (right, item.Answerable ? $"answerable; {said}" : $"unanswerable; {said}");
    }
}
