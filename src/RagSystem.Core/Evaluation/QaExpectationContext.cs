using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace RagSystem.Evaluation;

/// <summary>What the question set expects of one answer (<see cref="QaItem"/>).</summary>
public sealed class QaExpectationContext : EvaluationContext
{
    /// <summary>The context's name in evaluation results.</summary>
    public const string ContextName = "Expected";

    /// <summary>Wraps <paramref name="item"/>.</summary>
    public QaExpectationContext(QaItem item)
        : base(ContextName, [new TextContent(item.Answer ?? string.Join(" | ", item.MustContain))]) => Item = item;

    /// <summary>The question set's line.</summary>
    public QaItem Item { get; }
}
