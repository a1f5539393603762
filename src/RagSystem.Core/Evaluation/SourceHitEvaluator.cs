namespace RagSystem.Evaluation;

/// <summary>Source hit@k: the expected document is among the top <see cref="K"/> retrieved passages' sources.</summary>
/// <param name="k">How many retrieved passages count. Default 8, the default number retrieved.</param>
public sealed class SourceHitEvaluator(int k = 8) : QaEvaluatorBase
{
    /// <summary>The metric's name.</summary>
    public const string Name = "Source hit@k";

    /// <summary>How many retrieved passages count.</summary>
    public int K { get; } = k;

    /// <inheritdoc />
    protected override string MetricName => Name;

    /// <inheritdoc />
    protected override (bool? Value, string Reason) Judge(RagAnswerContext answer, QaItem item)
    {
        if (!item.Answerable || item.ExpectedSource is not { Length: > 0 } expected) return (null, "no expected source");
        var sources = answer.Answer.Retrieval.Take(K).Select(r => r.Source.Replace('\\', '/')).ToList();
        var rank = sources.FindIndex(s => string.Equals(s, expected.Replace('\\', '/'), StringComparison.OrdinalIgnoreCase)
            || s.EndsWith("/" + expected.Replace('\\', '/'), StringComparison.OrdinalIgnoreCase));
        return rank >= 0 ? (true, $"{expected} at rank {rank + 1}") : (false, $"{expected} not in the top {K}");
    }
}
