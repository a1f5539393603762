using RagSystem.Answering;
using RagSystem.Api.Contracts;

namespace RagSystem.Api.Endpoints;

/// <summary>Makes a follow-up question stand alone, as <c>rag chat</c> does: with earlier turns in the request's
/// <c>history</c>, <see cref="QuestionRewriter"/> rewrites it ("and why does that matter?" after "What is LoRA?" is searched
/// as "why does LoRA matter?"). The history is bounded so that one request cannot make the rewriter read a book.</summary>
public sealed class FollowUpQuestion(QuestionRewriter rewriter)
{
    /// <summary>The most earlier turns a request may send (the rewriter reads the last three).</summary>
    public const int MaxTurns = 20;

    /// <summary>The longest question of an earlier turn, in characters.</summary>
    public const int MaxQuestionChars = 2_000;

    /// <summary>The longest answer of an earlier turn, in characters.</summary>
    public const int MaxAnswerChars = 8_000;

    /// <summary>The question to search for: <paramref name="question"/> itself without history, else its standalone rewrite.</summary>
    /// <exception cref="RagException">The history is over a limit or has an empty question (<see cref="RagErrorKind.InvalidInput"/>).</exception>
    public async Task<string> StandaloneAsync(string question, IReadOnlyList<ConversationTurnJson>? history, CancellationToken cancellationToken)
    {
        if (history is null || history.Count == 0) return question;
        if (history.Count > MaxTurns)
            throw Invalid($"history has {history.Count} turns; send at most the last {MaxTurns}.");
        for (var i = 0; i < history.Count; i++)
        {
            var turn = history[i] ?? throw Invalid($"history[{i}] is null; each turn is {{\"question\", \"answer\"}}.");
            if (string.IsNullOrWhiteSpace(turn.Question)) throw Invalid($"history[{i}].question is empty.");
            if (turn.Question.Length > MaxQuestionChars)
                throw Invalid($"history[{i}].question is {turn.Question.Length} characters; at most {MaxQuestionChars} are taken.");
            if ((turn.Answer?.Length ?? 0) > MaxAnswerChars)
                throw Invalid($"history[{i}].answer is {turn.Answer!.Length} characters; at most {MaxAnswerChars} are taken (shorten it).");
        }
        var turns = history.Select(t => new ConversationTurn(t.Question, t.Answer ?? "")).ToList();
        return await rewriter.RewriteAsync(question, turns, cancellationToken);
    }

    private static RagException Invalid(string message) => new(RagErrorKind.InvalidInput, message);
}
