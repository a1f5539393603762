using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using RagSystem.Answering;
using RagSystem.Diagnostics;

namespace RagSystem.Evaluation;

/// <summary>Runs a question set through an <see cref="Answerer"/> and judges every answer with the four
/// <see cref="IEvaluator"/>s (<see cref="SourceHitEvaluator"/>, <see cref="EvidenceContainmentEvaluator"/>,
/// <see cref="AnswerContainmentEvaluator"/>, <see cref="NotFoundEvaluator"/>) composed into one
/// <see cref="CompositeEvaluator"/>. None of them calls a model: they compare text.</summary>
public sealed class QuestionSetEvaluator
{
    private readonly Answerer _answerer;
    private readonly CompositeEvaluator _evaluators;
    private readonly int _k;

    /// <summary>Creates an evaluator that asks <paramref name="answerer"/> and counts a source hit within the top <paramref name="k"/>.</summary>
    public QuestionSetEvaluator(Answerer answerer, int k = 8)
    {
        _answerer = answerer;
        _k = k;
        _evaluators = new CompositeEvaluator(new SourceHitEvaluator(k), new EvidenceContainmentEvaluator(),
            new AnswerContainmentEvaluator(), new NotFoundEvaluator());
    }

    /// <summary>The composed evaluators, for callers that judge answers they obtained themselves.</summary>
    public IEvaluator Evaluators => _evaluators;

    /// <summary>Asks every question of <paramref name="items"/> in order and returns the per-line results and the summary.</summary>
    public async Task<(IReadOnlyList<QaItemResult> Items, QaEvaluationSummary Summary)> EvaluateAsync(IReadOnlyList<QaItem> items,
        AskOptions? options = null, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        using var activity = RagTelemetry.Source.StartActivity("eval.qa");
        var results = new List<QaItemResult>(items.Count);
        foreach (var item in items)
        {
            var answer = await _answerer.AskAsync(item.Question, options, cancellationToken);
            var result = await _evaluators.EvaluateAsync([new ChatMessage(ChatRole.User, item.Question)],
                new ChatResponse(new ChatMessage(ChatRole.Assistant, answer.Text)), chatConfiguration: null,
                [new RagAnswerContext(answer), new QaExpectationContext(item)], cancellationToken);
            results.Add(new QaItemResult(item, answer, result));
            progress?.Report(results.Count);
        }
        return (results, QaEvaluationSummary.From(results, _k));
    }
}
