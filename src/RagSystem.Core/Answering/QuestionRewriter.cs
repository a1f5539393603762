using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;

namespace RagSystem.Answering;

/// <summary>Turns a chat follow-up ("and its side effects?") into a standalone question that retrieval can use.
/// With a chat client it asks the model; without one (or when the model's reply is unusable) it prepends the previous
/// question's key terms when the follow-up leans on the conversation (pronouns, or too few content words of its own).</summary>
public sealed class QuestionRewriter
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
            if (rewritten is not null) return rewritten;
        }
        return RewriteWithoutModel(followUp, history[^1].Question);
    }

    /// <summary>The model-free rewrite: <c>"key terms: follow-up"</c> when the follow-up depends on the previous
    /// question, else the follow-up unchanged.</summary>
    public static string RewriteWithoutModel(string followUp, string previousQuestion)
    {
        var words = ContentWords.Words(followUp).ToList();
        var ownContent = ContentWords.StemSet(followUp);
        var leans = words.Any(Referring.Contains) || ownContent.Count < SelfContainedContentWords;
        if (!leans) return followUp;

        var terms = new List<string>();
        var seen = new HashSet<string>(ownContent, StringComparer.Ordinal);
        foreach (var word in ContentWords.Words(previousQuestion))
        {
            if (StopWords.Contains(word) || (word.Length == 1 && !char.IsDigit(word[0]))) continue;
            if (seen.Add(ContentWords.Stem(word))) terms.Add(word);
        }
        return terms.Count == 0 ? followUp : $"{string.Join(' ', terms)}: {followUp.Trim()}";
    }

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
