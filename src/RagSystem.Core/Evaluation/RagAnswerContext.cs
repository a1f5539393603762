using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using RagSystem.Answering;

namespace RagSystem.Evaluation;

/// <summary>The answerer's full result for the evaluated response: mode, citations and retrieved passages. Its
/// contents (for reports) are the cited passages' texts.</summary>
public sealed class RagAnswerContext : EvaluationContext
{
    /// <summary>The context's name in evaluation results.</summary>
    public const string ContextName = "RAG answer";

    /// <summary>Wraps <paramref name="answer"/>.</summary>
    public RagAnswerContext(Answer answer)
        : base(ContextName, answer.Citations.Select(c => (AIContent)new TextContent(c.Text)).ToList()) => Answer = answer;

    /// <summary>The answer evaluated.</summary>
    public Answer Answer { get; }
}
