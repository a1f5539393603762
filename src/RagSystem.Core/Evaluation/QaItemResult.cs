using Microsoft.Extensions.AI.Evaluation;
using RagSystem.Answering;

namespace RagSystem.Evaluation;

/// <summary>One evaluated question: the line, the answer given and the metrics of the four evaluators.</summary>
/// <param name="Item">The question set's line.</param>
/// <param name="Answer">The answer.</param>
/// <param name="Result">The metrics, by name (<see cref="SourceHitEvaluator.Name"/>, …).</param>
public sealed record QaItemResult(QaItem Item, Answer Answer, EvaluationResult Result)
{
    /// <summary>The boolean value of metric <paramref name="name"/>, or null when it was not judged.</summary>
    public bool? Value(string name) => Result.Metrics.TryGetValue(name, out var m) && m is BooleanMetric b ? b.Value : null;
}
