using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;

namespace RagSystem.Answering;

/// <summary>Turns a chat follow-up ("and its side effects?") into a standalone question that retrieval can use.
/// With a chat client it asks the model and keeps the reply only when it keeps the conversation's content words
/// (<see cref="KeepsConversation"/>); otherwise, or without a model, it applies <see cref="RewriteWithoutModel"/>.</summary>
public sealed partial class QuestionRewriter
{
    private const int MaxTurns = 3;
    private const int MaxAnswerChars = 400;
    private const int SelfContainedContentWords = 3;

    private static readonly HashSet<string> Referring = new(StringComparer.Ordinal)
    {
        "it", "its", "it's", "they", "them", "their", "theirs", "this", "that", "these", "those", "he", "him", "his",
        "she", "her", "hers", "there", "then", "such", "former", "latter", "same", "above", "else",
    };

    private readonly IChatClient? _chat;
    private readonly IPromptTemplate _system;
    private readonly IPromptTemplate _user;
    private readonly Kernel _kernel = new();

    /// <summary>Creates a rewriter that uses <paramref name="chatClient"/> when it is not null.</summary>
    public QuestionRewriter(IChatClient? chatClient)
    {
        _chat = chatClient;
        var factory = new KernelPromptTemplateFactory();
        _system = factory.Create(PromptBuilder.TemplateConfig(PromptTemplates.RewriteSystem));
        _user = factory.Create(PromptBuilder.TemplateConfig(PromptTemplates.RewriteUser, "conversation", "question"));
    }

    /// <summary>The standalone form of <paramref name="followUp"/> given the earlier turns (oldest first). Returns the
    /// follow-up unchanged when there is no history.</summary>
    public async Task<string> RewriteAsync(string followUp, IReadOnlyList<ConversationTurn> history, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (history.Count == 0 || string.IsNullOrWhiteSpace(followUp)) return followUp;
        if (_chat is not null)
        {
            var rewritten = await RewriteWithModelAsync(followUp, history, cancellationToken);
            // A small model sometimes drifts (answers, or writes about something else): keep its rewrite only when it
            // still carries the conversation's words.
            if (rewritten is not null && KeepsConversation(rewritten, followUp, history)) return rewritten;
        }
        return RewriteWithoutModel(followUp, history[^1].Question);
    }

    /// <summary>The model-free rewrite, used when the follow-up leans on the previous question (a referring word such
    /// as "it", "its", "that", or fewer than three content words of its own): the referring word is replaced by the
    /// previous question's subject (<see cref="FollowUpSubject"/>): <c>and why does that matter?</c> after
    /// <c>What is LoRA?</c> becomes <c>why does LoRA matter?</c>; an ellipsis gets it appended (<c>and in children?</c>
    /// → <c>in children, for metformin?</c>). When the subject is already in the follow-up, the previous question's
    /// other content words are put in front (<c>lower blood glucose: Does metformin do it quickly?</c>). A follow-up that
    /// stands alone is returned unchanged.</summary>
    public static string RewriteWithoutModel(string followUp, string previousQuestion)
    {
        var words = ContentWords.Words(followUp).ToList();
        var ownContent = ContentWords.StemSet(followUp);
        var leans = words.Any(Referring.Contains) || ownContent.Count < SelfContainedContentWords;
        if (!leans) return followUp;

        var body = LeadingConjunction().Replace(followUp.Trim(), "");
        var subject = FollowUpSubject.Find(previousQuestion);
        if (subject is not null && !ContentWords.StemSet(subject).All(ownContent.Contains))
        {
            var replaced = false;
            var rewritten = ReferringWord().Replace(body, m =>
            {
                if (replaced) return m.Value;
                replaced = true;
                return m.Value.ToLowerInvariant() is "its" or "their" ? subject + "'s" : subject;
            }, 1);
            if (!replaced) rewritten = body.TrimEnd('?', '.', ' ') + ", for " + subject + "?";
            return rewritten;
        }

        var terms = new List<string>();
        var seen = new HashSet<string>(ownContent, StringComparer.Ordinal);
        foreach (var word in ContentWords.Words(previousQuestion))
        {
            if (StopWords.Contains(word) || (word.Length == 1 && !char.IsDigit(word[0]))) continue;
            if (seen.Add(ContentWords.Stem(word))) terms.Add(word);
        }
        return terms.Count == 0 ? followUp : $"{string.Join(' ', terms)}: {followUp.Trim()}";
    }

    /// <summary>True when a model's rewrite keeps the conversation's content words: every content word of the follow-up,
    /// and (when the follow-up leans on the conversation) at least one content word of the earlier questions.</summary>
    public static bool KeepsConversation(string rewritten, string followUp, IReadOnlyList<ConversationTurn> history)
    {
        var stems = ContentWords.StemSet(rewritten);
        if (!ContentWords.StemSet(followUp).All(stems.Contains)) return false;
        if (RewriteWithoutModel(followUp, history[^1].Question) == followUp) return true;
        return history.TakeLast(MaxTurns).SelectMany(t => ContentWords.StemSet(t.Question)).Any(stems.Contains);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:and|but|so|also|then|ok|okay)\b[\s,]*", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex LeadingConjunction();

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(?:its|their|it|that|this|they|them|these|those)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex ReferringWord();

    private async Task<string?> RewriteWithModelAsync(string followUp, IReadOnlyList<ConversationTurn> history, CancellationToken cancellationToken)
    {
        var conversation = new StringBuilder();
        foreach (var turn in history.TakeLast(MaxTurns))
        {
            var answer = turn.Answer.Length <= MaxAnswerChars ? turn.Answer : turn.Answer[..MaxAnswerChars] + " …";
            conversation.Append("User: ").Append(turn.Question.Trim()).Append('\n');
            conversation.Append("Assistant: ").Append(answer.Trim()).Append('\n');
        }
        var system = await _system.RenderAsync(_kernel, new KernelArguments(), cancellationToken);
        var user = await _user.RenderAsync(_kernel,
            new KernelArguments { ["conversation"] = conversation.ToString().TrimEnd(), ["question"] = followUp.Trim() }, cancellationToken);
        var response = await _chat!.GetResponseAsync(
            [new ChatMessage(ChatRole.System, system), new ChatMessage(ChatRole.User, user)],
            new ChatOptions { MaxOutputTokens = 96, Temperature = 0f }, cancellationToken);
        return Clean(response.Text);
    }

    /// <summary>The first non-empty line of the model's reply without labels or quotes; null when nothing usable remains
    /// (small models sometimes answer instead of rewriting, or reply with nothing).</summary>
    internal static string? Clean(string? reply)
    {
        if (string.IsNullOrWhiteSpace(reply)) return null;
        var line = reply.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);
        if (line is null) return null;
        foreach (var label in (string[])["Standalone question:", "Rewritten question:", "Question:"])
        {
            if (line.StartsWith(label, StringComparison.OrdinalIgnoreCase)) line = line[label.Length..].Trim();
        }
        line = line.Trim('"', '\'', '“', '”', '`').Trim();
        return line.Length < 3 || ContentWords.StemSet(line).Count == 0 ? null : line;
    }
}
