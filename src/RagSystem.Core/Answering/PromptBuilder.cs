using Microsoft.SemanticKernel;
using RagSystem.Chunking;
using RagSystem.Retrieval;

namespace RagSystem.Answering;

/// <summary>Renders the answer prompt with Semantic Kernel templates (<see cref="PromptTemplates"/>) and packs as many
/// top passages as fit the context window while keeping the answer's token budget.</summary>
public sealed class PromptBuilder
{
    private const string PassageSeparator = "\n\n";
    private readonly ITokenCounter _tokens;
    private readonly IPromptTemplate _system;
    private readonly IPromptTemplate _user;
    private readonly Kernel _kernel = new();

    /// <summary>Creates a builder that measures text with <paramref name="tokenCounter"/> (the generator's tokenizer when available).</summary>
    public PromptBuilder(ITokenCounter tokenCounter)
    {
        _tokens = tokenCounter;
        var factory = new KernelPromptTemplateFactory();
        _system = factory.Create(TemplateConfig(PromptTemplates.AnswerSystem));
        _user = factory.Create(TemplateConfig(PromptTemplates.AnswerUser, "passages", "question"));
    }

    /// <summary>The token counter in use.</summary>
    public ITokenCounter TokenCounter => _tokens;

    /// <summary>A Semantic Kernel template configuration for plain-text rendering.</summary>
    /// <remarks>SK never re-parses a value, so <c>{{</c> inside a passage stays text. But by default it HTML-encodes
    /// every variable value (&lt; becomes &amp;lt;) — a guard for prompts SK itself parses into <c>&lt;message&gt;</c>
    /// tags. We build the chat messages ourselves, so encoding would only corrupt passages and questions containing
    /// &lt;, &gt;, &amp; or quotes; each variable is therefore declared with
    /// <see cref="InputVariable.AllowDangerouslySetContent"/> (the config-level flag covers function results only).</remarks>
    internal static PromptTemplateConfig TemplateConfig(string template, params string[] variables)
    {
        var config = new PromptTemplateConfig(template)
        {
            TemplateFormat = PromptTemplateConfig.SemanticKernelTemplateFormat,
            AllowDangerouslySetContent = true,
        };
        foreach (var name in variables) config.InputVariables.Add(new InputVariable { Name = name, AllowDangerouslySetContent = true });
        return config;
    }

    /// <summary>Builds the prompt for <paramref name="question"/> from <paramref name="ranked"/> (best first).</summary>
    /// <param name="question">The question.</param>
    /// <param name="ranked">Retrieved passages, best first.</param>
    /// <param name="contextWindowTokens">The generator's context window.</param>
    /// <param name="maxAnswerTokens">Tokens kept free for the answer.</param>
    /// <param name="overheadTokens">Tokens the chat template adds around the messages.</param>
    /// <param name="cancellationToken">Cancels rendering.</param>
    /// <exception cref="PromptBudgetException">The window cannot hold the rules, the question and any passage text.</exception>
    public async Task<AnswerPrompt> BuildAsync(string question, IReadOnlyList<RetrievedChunk> ranked,
        int contextWindowTokens, int maxAnswerTokens, int overheadTokens, CancellationToken cancellationToken = default)
    {
        var system = await _system.RenderAsync(_kernel, new KernelArguments(), cancellationToken);
        var promptBudget = contextWindowTokens - maxAnswerTokens;
        var fixedTokens = Count(system) + Count(await RenderUserAsync(question, "", cancellationToken)) + overheadTokens;
        var remaining = promptBudget - fixedTokens;
        if (remaining <= 0)
        {
            throw new PromptBudgetException(
                $"The generator's context window ({contextWindowTokens} tokens) cannot hold the instructions and the question " +
                $"({fixedTokens} tokens) plus the answer budget ({maxAnswerTokens} tokens). Lower Answering:MaxAnswerTokens (environment: RAG__Answering__MaxAnswerTokens) " +
                "or ask a shorter question.");
        }

        var passages = new List<PromptPassage>();
        var separatorTokens = Count(PassageSeparator);
        foreach (var chunk in ranked)
        {
            var passage = Passage(passages.Count + 1, chunk, chunk.Chunk.Text);
            var cost = passage.Tokens + (passages.Count > 0 ? separatorTokens : 0);
            // A passage that does not fit is skipped, not cut: a later, shorter one may still fit whole.
            if (cost > remaining) continue;
            passages.Add(passage);
            remaining -= cost;
        }
        if (passages.Count == 0 && ranked.Count > 0) passages.Add(Shortened(ranked[0], remaining));

        while (true)
        {
            var user = await RenderUserAsync(question, string.Join(PassageSeparator, passages.Select(p => p.Rendered)), cancellationToken);
            var promptTokens = Count(system) + Count(user) + overheadTokens;
            // Token counts of parts need not add up exactly for BPE; re-measure the whole and drop from the end if needed.
            if (promptTokens <= promptBudget || passages.Count <= 1)
            {
                return new AnswerPrompt(system, user, passages, promptTokens, maxAnswerTokens, ranked.Count - passages.Count);
            }
            passages.RemoveAt(passages.Count - 1);
        }
    }

    private async Task<string> RenderUserAsync(string question, string passages, CancellationToken cancellationToken) =>
        await _user.RenderAsync(_kernel, new KernelArguments { ["passages"] = passages, ["question"] = question }, cancellationToken);

    private PromptPassage Passage(int number, RetrievedChunk chunk, string text)
    {
        var rendered = PassageFormatter.Format(number, chunk, text);
        return new PromptPassage(number, chunk, text, rendered, Count(rendered));
    }

    private PromptPassage Shortened(RetrievedChunk chunk, int budget)
    {
        var text = chunk.Chunk.Text;
        int low = 0, high = text.Length;
        PromptPassage? best = null;
        while (low <= high)
        {
            var mid = (low + high) / 2;
            var candidate = Passage(1, chunk, CutAtWord(text, mid) + " …");
            if (candidate.Tokens <= budget) { best = candidate; low = mid + 1; }
            else high = mid - 1;
        }
        if (best is null || best.Text.Length < 40)
        {
            throw new PromptBudgetException(
                $"The generator's context window leaves only {budget} tokens for passages, too few for even a shortened one. " +
                "Lower Answering:MaxAnswerTokens (environment: RAG__Answering__MaxAnswerTokens) or use a model with a larger context window.");
        }
        return best;
    }

    private static string CutAtWord(string text, int length)
    {
        if (length >= text.Length) return text;
        var cut = text.LastIndexOf(' ', Math.Max(0, length - 1));
        return (cut > length / 2 ? text[..cut] : text[..length]).TrimEnd();
    }

    private int Count(string text) => _tokens.CountTokens(text);
}
