using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace RagSystem.Evaluation;

/// <summary>The shared part of the question-set evaluators: each produces one <see cref="BooleanMetric"/> from the
/// <see cref="RagAnswerContext"/> and <see cref="QaExpectationContext"/> passed as additional context. A metric whose
/// expectation is absent from the line (no expected source, no answer text) has a null value and says why.</summary>
public abstract class QaEvaluatorBase : IEvaluator
{
    /// <summary>The one metric this evaluator produces.</summary>
    protected abstract string MetricName { get; }

    /// <inheritdoc />
    public IReadOnlyCollection<string> EvaluationMetricNames => [MetricName];

    /// <inheritdoc />
    public ValueTask<EvaluationResult> EvaluateAsync(IEnumerable<ChatMessage> messages, ChatResponse modelResponse,
        ChatConfiguration? chatConfiguration = null, IEnumerable<EvaluationContext>? additionalContext = null,
        CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var contexts = additionalContext?.ToList() ?? [];
        var answer = contexts.OfType<RagAnswerContext>().FirstOrDefault()
            ?? throw new ArgumentException($"{GetType().Name} needs a {nameof(RagAnswerContext)} in the additional context.", nameof(additionalContext));
        var expected = contexts.OfType<QaExpectationContext>().FirstOrDefault()
            ?? throw new ArgumentException($"{GetType().Name} needs a {nameof(QaExpectationContext)} in the additional context.", nameof(additionalContext));
        var (value, reason) = Judge(answer, expected.Item);
        var metric = new BooleanMetric(MetricName, value, reason);
        metric.Interpretation = value is null
            ? new EvaluationMetricInterpretation(EvaluationRating.Inconclusive, failed: false, reason)
            : new EvaluationMetricInterpretation(value.Value ? EvaluationRating.Good : EvaluationRating.Unacceptable, failed: !value.Value, reason);
        metric.AddOrUpdateContext(answer, expected);
        return ValueTask.FromResult(new EvaluationResult(metric));
    }

    /// <summary>True when the answer meets the expectation, false when not, null when the line sets none; with the reason.</summary>
    protected abstract (bool? Value, string Reason) Judge(RagAnswerContext answer, QaItem item);
}
