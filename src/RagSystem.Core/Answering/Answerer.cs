using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.Tokenizers;
using RagSystem.Chunking;
using RagSystem.Diagnostics;
using RagSystem.Retrieval;

namespace RagSystem.Answering;

/// <summary>Answers a question from the documents: retrieve → rerank (when the retriever did not) → check the evidence
/// → pack the passages that fit → render the Semantic Kernel prompt → generate → cite. Without a generator it answers
/// extractively; without evidence it answers "not found" and never calls the model.</summary>
public sealed class Answerer
{
    private const int DefaultContextWindowTokens = 4096;
    private readonly IRetriever _retriever;
    private readonly IChatClient? _chat;
    private readonly IReranker? _reranker;
    private readonly AnswererOptions _options;
    private readonly PromptBuilder _prompts;
    private readonly ChatModelLimits? _limits;
    private readonly ILogger _logger;

    /// <summary>Creates an answerer.</summary>
    /// <param name="retriever">Finds the passages.</param>
    /// <param name="chatClient">The generator, or null for extractive answers.</param>
    /// <param name="options">Thresholds and budgets; defaults when null.</param>
    /// <param name="reranker">Optional reranker, applied only when the retriever has not reranked already.</param>
    /// <param name="tokenCounter">Counts prompt tokens; default: the chat client's <see cref="ITokenCounter"/> or
    /// <see cref="Tokenizer"/> service, else a character estimate.</param>
    /// <param name="logger">Optional logger.</param>
    public Answerer(IRetriever retriever, IChatClient? chatClient, AnswererOptions? options = null, IReranker? reranker = null,
        ITokenCounter? tokenCounter = null, ILogger<Answerer>? logger = null)
    {
        _retriever = retriever;
        _chat = chatClient;
        _reranker = reranker;
        _options = options ?? new AnswererOptions();
        _limits = chatClient?.GetService<ChatModelLimits>();
        _prompts = new PromptBuilder(tokenCounter ?? ResolveTokenCounter(chatClient));
        _logger = logger ?? NullLogger<Answerer>.Instance;
    }

    /// <summary>True when a generator is configured; otherwise answers are extractive.</summary>
    public bool HasGenerator => _chat is not null;

    /// <summary>The token counter the prompt budget is measured with.</summary>
    public ITokenCounter TokenCounter => _prompts.TokenCounter;

    /// <summary>Answers <paramref name="question"/>.</summary>
    public async Task<Answer> AskAsync(string question, AskOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new AskOptions();
        using var activity = RagTelemetry.Source.StartActivity("rag.answer");
        var outcome = await RetrieveAsync(question, options, cancellationToken);
        if (!outcome.Found) return AnswerAssembler.NotFound(outcome, _options.NotFoundText);
        if (_chat is null) return Extract(outcome);

        var generation = Stopwatch.StartNew();
        var prompt = await BuildPromptAsync(outcome, options, cancellationToken);
        using var generate = RagTelemetry.Source.StartActivity("rag.answer.generate");
        var response = await _chat.GetResponseAsync(Messages(prompt), ChatOptions(prompt), cancellationToken);
        // A non-streamed response arrives whole: there is no first token to time (AskStreamingAsync measures it).
        return AnswerAssembler.Generative(outcome, prompt, response.Text, generation.Elapsed.TotalMilliseconds, firstTokenMs: null)
            with { GeneratedTokens = response.Usage?.OutputTokenCount };
    }

    /// <summary>Answers <paramref name="question"/> as a stream: pieces of text as the model writes them, then one final
    /// item carrying the complete <see cref="Answer"/>. Not-found and extractive answers arrive as one piece.</summary>
    public async IAsyncEnumerable<AnswerUpdate> AskStreamingAsync(string question, AskOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        options ??= new AskOptions();
        using var activity = RagTelemetry.Source.StartActivity("rag.answer");
        var outcome = await RetrieveAsync(question, options, cancellationToken);
        if (!outcome.Found || _chat is null)
        {
            var answer = outcome.Found ? Extract(outcome) : AnswerAssembler.NotFound(outcome, _options.NotFoundText);
            yield return new AnswerUpdate(null, null) { Sources = answer.Citations };
            yield return new AnswerUpdate(answer.Text, null);
            yield return new AnswerUpdate(null, answer);
            yield break;
        }

        var generation = Stopwatch.StartNew();
        var prompt = await BuildPromptAsync(outcome, options, cancellationToken);
        yield return new AnswerUpdate(null, null) { Sources = AnswerAssembler.Sources(prompt.Passages) };
        var text = new StringBuilder();
        double? firstTokenMs = null;
        long? generatedTokens = null;
        using var generate = RagTelemetry.Source.StartActivity("rag.answer.generate");
        await foreach (var update in _chat.GetStreamingResponseAsync(Messages(prompt), ChatOptions(prompt), cancellationToken))
        {
            foreach (var usage in update.Contents.OfType<UsageContent>())
                if (usage.Details.OutputTokenCount is { } n) generatedTokens = (generatedTokens ?? 0) + n;
            var piece = update.Text;
            if (string.IsNullOrEmpty(piece)) continue;
            firstTokenMs ??= outcome.Clock.Elapsed.TotalMilliseconds;
            text.Append(piece);
            yield return new AnswerUpdate(piece, null);
        }
        yield return new AnswerUpdate(null,
            AnswerAssembler.Generative(outcome, prompt, text.ToString(), generation.Elapsed.TotalMilliseconds, firstTokenMs)
                with { GeneratedTokens = generatedTokens });
    }

    private async Task<RetrievalOutcome> RetrieveAsync(string question, AskOptions options, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(question)) throw new ArgumentException("The question is empty.", nameof(question));
        var clock = Stopwatch.StartNew();
        IReadOnlyList<RetrievedChunk> ranked;
        using (var activity = RagTelemetry.Source.StartActivity("rag.answer.retrieve"))
        {
            ranked = await _retriever.RetrieveAsync(question, options.Retrieval, cancellationToken);
            activity?.SetTag("rag.retriever.mode", _retriever.Mode);
            activity?.SetTag("rag.retrieved", ranked.Count);
        }
        var retrievalMs = clock.Elapsed.TotalMilliseconds;

        // The retriever may already have reranked (RerankScore set); reranking twice would only cost time.
        if (_reranker is not null && options.Retrieval.Rerank && ranked.Count > 0 && ranked.All(r => r.RerankScore is null))
        {
            using var activity = RagTelemetry.Source.StartActivity("rag.answer.rerank");
            ranked = await _reranker.RerankAsync(question, ranked, cancellationToken);
        }
        var rerankMs = clock.Elapsed.TotalMilliseconds - retrievalMs;

        var evidence = EvidenceCheck.Measure(question, ranked, _options);
        var coverage = evidence.Select(e => e.Coverage).ToList();
        var top = Math.Max(1, _options.EvidencePassages);
        var found = EvidenceCheck.IsAnswerable(ranked, evidence, _options);
        // Reported evidence: the best coverage among supporting passages when one supports, else among the top ones.
        var best = evidence.Take(top).Where(e => e.Supports || !found).Select(e => e.Coverage).DefaultIfEmpty(0).Max();
        _logger.LogDebug("Retrieved {Count} passages in {Ms:F0} ms; evidence {Evidence:F2} (threshold {Threshold:F2}); found: {Found}",
            ranked.Count, retrievalMs, best, _options.MinEvidenceCoverage, found);
        return new RetrievalOutcome(question, ranked, coverage, best, found, retrievalMs, rerankMs, clock);
    }

    private Answer Extract(RetrievalOutcome outcome)
    {
        var clock = Stopwatch.StartNew();
        var passages = outcome.Ranked.Take(Math.Max(1, _options.ExtractivePassages))
            .Select((r, i) => new PromptPassage(i + 1, r, r.Chunk.Text, PassageFormatter.Format(i + 1, r, r.Chunk.Text), 0))
            .ToList();
        var extracted = ExtractiveAnswerBuilder.Build(outcome.Question, passages, Math.Max(1, _options.ExtractiveMaxSentences));
        return AnswerAssembler.Extractive(outcome, passages, extracted, clock.Elapsed.TotalMilliseconds);
    }

    private async Task<AnswerPrompt> BuildPromptAsync(RetrievalOutcome outcome, AskOptions options, CancellationToken cancellationToken)
    {
        using var activity = RagTelemetry.Source.StartActivity("rag.answer.prompt");
        var window = _options.ContextWindowTokens ?? _limits?.ContextWindowTokens ?? DefaultContextWindowTokens;
        var answerTokens = options.MaxAnswerTokens ?? _options.MaxAnswerTokens;
        if (_limits?.MaxOutputTokens is { } modelCap) answerTokens = Math.Min(answerTokens, modelCap);
        // Half the window at most goes to the answer, so small models still see passages.
        answerTokens = Math.Max(1, Math.Min(answerTokens, window / 2));
        var prompt = await _prompts.BuildAsync(outcome.Question, outcome.Ranked, window, answerTokens,
            _options.ChatTemplateOverheadTokens, cancellationToken);
        activity?.SetTag("rag.prompt.tokens", prompt.PromptTokens);
        activity?.SetTag("rag.prompt.passages", prompt.Passages.Count);
        _logger.LogDebug("Prompt: {Passages} passages ({Dropped} dropped), {Tokens} tokens of {Window}; {AnswerTokens} kept for the answer",
            prompt.Passages.Count, prompt.DroppedPassages, prompt.PromptTokens, window, answerTokens);
        return prompt;
    }

    private static ChatMessage[] Messages(AnswerPrompt prompt) =>
        [new ChatMessage(ChatRole.System, prompt.System), new ChatMessage(ChatRole.User, prompt.User)];

    private ChatOptions ChatOptions(AnswerPrompt prompt) =>
        new() { MaxOutputTokens = prompt.MaxAnswerTokens, Temperature = _options.Temperature };

    private static ITokenCounter ResolveTokenCounter(IChatClient? chat)
    {
        if (chat?.GetService<ITokenCounter>() is { } counter) return counter;
        if (chat?.GetService<Tokenizer>() is { } tokenizer) return new TokenizerTokenCounter(tokenizer, tokenizer.GetType().Name);
        return CharacterEstimateTokenCounter.Instance;
    }
}
