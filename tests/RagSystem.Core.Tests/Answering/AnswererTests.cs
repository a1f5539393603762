using RagSystem.Answering;
using RagSystem.Chunking;

namespace RagSystem.Core.Tests.Answering;

public sealed class AnswererTests
{
    private const string KvQuestion = "What does the KV cache store during decoding?";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static InMemoryRetriever Ordered() => new(TestChunks.Corpus()) { KeepOrder = true };

    [Fact]
    public async Task Generative_answer_cites_the_passages_referenced_in_the_text_with_their_sources_and_pages()
    {
        var chat = new FakeChatClient("It stores keys and values [1]; heads project them into subspaces [4].");
        var answerer = new Answerer(Ordered(), chat);

        var answer = await answerer.AskAsync(KvQuestion, cancellationToken: Ct);

        Assert.Equal(AnswerMode.Generative, answer.Mode);
        Assert.Equal("It stores keys and values [1]; heads project them into subspaces [4].", answer.Text);
        Assert.True(answer.CitationsFromText);
        Assert.Equal([1, 4], answer.Citations.Select(c => c.Number));
        Assert.Equal("guides/kv-cache.md", answer.Citations[0].Source);
        Assert.Null(answer.Citations[0].PageStart);
        Assert.Equal(["Decoding", "KV cache"], answer.Citations[0].HeadingPath);
        Assert.StartsWith("The KV cache stores", answer.Citations[0].Text);
        Assert.Equal("papers/attention.pdf", answer.Citations[1].Source);
        Assert.Equal(7, answer.Citations[1].PageStart);
        Assert.Equal(TestChunks.Corpus()[3].Chunk.Id, answer.Citations[1].ChunkId);
        // The prompt's numbering is the citation numbering.
        Assert.Contains("[4] source: papers/attention.pdf, p. 7", chat.LastUser);
        Assert.Single(chat.Calls);
        Assert.Equal(4, answer.Retrieval.Count);
        Assert.Equal(1.0, answer.Evidence);
    }

    [Fact]
    public async Task When_the_model_cites_nothing_all_passages_given_are_listed()
    {
        var chat = new FakeChatClient("It stores keys and values of earlier tokens. See [9] for more.");
        var answer = await new Answerer(Ordered(), chat).AskAsync(KvQuestion, cancellationToken: Ct);

        Assert.False(answer.CitationsFromText);
        Assert.Equal([1, 2, 3, 4], answer.Citations.Select(c => c.Number));
    }

    [Fact]
    public async Task Prompt_carries_rules_and_passages_and_fits_the_context_window_with_the_answer_budget()
    {
        var chat = new FakeChatClient("Keys and values [1].");
        var counter = new WordTokenCounter();
        var options = new AnswererOptions { ContextWindowTokens = 260, MaxAnswerTokens = 60, ChatTemplateOverheadTokens = 8 };
        var answer = await new Answerer(Ordered(), chat, options, tokenCounter: counter).AskAsync(KvQuestion, cancellationToken: Ct);

        Assert.Contains("only the numbered passages", chat.LastSystem);
        Assert.Contains("[1] source: guides/kv-cache.md", chat.LastUser);
        var used = counter.CountTokens(chat.LastSystem) + counter.CountTokens(chat.LastUser) + 8;
        Assert.True(used <= 260 - 60, $"prompt uses {used} tokens; only {260 - 60} are free");
        Assert.Contains(answer.Retrieval, r => r.Number is null); // some passages were dropped to keep the budget
        Assert.Equal(60, chat.Options.Single()!.MaxOutputTokens);
    }

    [Fact]
    public async Task Limits_and_tokenizer_come_from_the_chat_client_when_options_leave_them_unset()
    {
        var chat = new FakeChatClient("Keys and values [1].");
        var counter = new WordTokenCounter();
        chat.Services[typeof(ITokenCounter)] = counter;
        chat.Services[typeof(ChatModelLimits)] = new ChatModelLimits(ContextWindowTokens: 260, MaxOutputTokens: 40);
        var answerer = new Answerer(Ordered(), chat);

        await answerer.AskAsync(KvQuestion, cancellationToken: Ct);

        Assert.Same(counter, answerer.TokenCounter);
        Assert.Equal(40, chat.Options.Single()!.MaxOutputTokens);
        Assert.True(counter.CountTokens(chat.LastSystem) + counter.CountTokens(chat.LastUser) <= 260 - 40);
        Assert.Same(CharacterEstimateTokenCounter.Instance, new Answerer(Ordered(), null).TokenCounter);
    }

    [Fact]
    public async Task Not_found_when_no_passage_covers_the_question_and_the_model_is_not_called()
    {
        var chat = new FakeChatClient("should never be generated");
        var answer = await new Answerer(Ordered(), chat).AskAsync("How long should sourdough bread proof overnight?", cancellationToken: Ct);

        Assert.Equal(AnswerMode.NotFound, answer.Mode);
        Assert.Equal("Not found in the documents.", answer.Text);
        Assert.Empty(answer.Citations);
        Assert.Empty(chat.Calls);
        Assert.True(answer.Evidence < 0.5);
        Assert.Equal(4, answer.Retrieval.Count);
    }

    [Fact]
    public async Task Not_found_when_retrieval_returns_nothing()
    {
        var chat = new FakeChatClient("never");
        var answer = await new Answerer(new InMemoryRetriever([]), chat).AskAsync(KvQuestion, cancellationToken: Ct);
        Assert.Equal(AnswerMode.NotFound, answer.Mode);
        Assert.Empty(chat.Calls);
    }

    [Fact]
    public async Task A_reranker_score_above_its_threshold_rescues_a_question_with_little_word_overlap()
    {
        var chat = new FakeChatClient("Yes [1].");
        var options = new AnswererOptions { MinRerankScore = 5 };
        var answer = await new Answerer(Ordered(), chat, options, new FakeReranker()).AskAsync("sourdough proofing overnight?", cancellationToken: Ct);
        Assert.Equal(AnswerMode.Generative, answer.Mode);
    }

    [Fact]
    public async Task The_reranker_runs_once_and_not_when_the_retriever_already_reranked()
    {
        var reranker = new FakeReranker();
        var chat = new FakeChatClient("Keys [1].");
        var answer = await new Answerer(Ordered(), chat, reranker: reranker).AskAsync(KvQuestion, cancellationToken: Ct);
        Assert.Equal(1, reranker.Calls);
        Assert.Equal("papers/attention.pdf", answer.Retrieval[0].Source); // the fake reverses the order
        Assert.NotNull(answer.Retrieval[0].RerankScore);

        var reranked = new InMemoryRetriever(TestChunks.Corpus().Select(c => c with { RerankScore = 1 }).ToList()) { KeepOrder = true };
        await new Answerer(reranked, chat, reranker: reranker).AskAsync(KvQuestion, cancellationToken: Ct);
        Assert.Equal(1, reranker.Calls);

        await new Answerer(Ordered(), chat, reranker: reranker).AskAsync(KvQuestion,
            new AskOptions { Retrieval = new() { Rerank = false } }, Ct);
        Assert.Equal(1, reranker.Calls);
    }

    [Fact]
    public async Task Streaming_yields_the_same_text_and_answer_as_the_non_streaming_call()
    {
        const string reply = "The cache keeps attention keys and values [1], which grow with length [1].";
        var answer = await new Answerer(Ordered(), new FakeChatClient(reply)).AskAsync(KvQuestion, cancellationToken: Ct);

        var pieces = new List<string>();
        Answer? final = null;
        IReadOnlyList<Citation>? sources = null;
        await foreach (var update in new Answerer(Ordered(), new FakeChatClient(reply)).AskStreamingAsync(KvQuestion, cancellationToken: Ct))
        {
            if (update.Sources is { } s)
            {
                Assert.Empty(pieces); // the passages come before the first piece of text
                sources = s;
            }
            if (update.IsFinal) final = update.Answer;
            else if (update.Text is { } piece) pieces.Add(piece);
        }

        Assert.NotNull(sources);
        Assert.Contains(sources, s => s.Number == 1 && answer.Citations.Any(c => c.ChunkId == s.ChunkId));

        Assert.True(pieces.Count > 5, "the answer should arrive in pieces");
        Assert.Equal(answer.Text, string.Concat(pieces));
        Assert.NotNull(final);
        Assert.Equal(answer.Text, final.Text);
        Assert.Equal(answer.Citations.Select(c => (c.Number, c.Source, c.ChunkId)), final.Citations.Select(c => (c.Number, c.Source, c.ChunkId)));
        Assert.NotNull(final.Timings.TimeToFirstTokenMs);
        Assert.True(final.Timings.TimeToFirstTokenMs <= final.Timings.TotalMs);
    }

    [Fact]
    public async Task Generated_tokens_come_from_the_generators_usage_streamed_or_not()
    {
        const string reply = "The cache keeps attention keys and values [1].";
        var plain = await new Answerer(Ordered(), new FakeChatClient(reply) { OutputTokens = 11 }).AskAsync(KvQuestion, cancellationToken: Ct);
        Assert.Equal(11, plain.GeneratedTokens);

        Answer? streamed = null;
        await foreach (var update in new Answerer(Ordered(), new FakeChatClient(reply) { OutputTokens = 12 }).AskStreamingAsync(KvQuestion, cancellationToken: Ct))
            streamed = update.Answer ?? streamed;
        Assert.Equal(12, streamed!.GeneratedTokens);
        Assert.Equal(reply, streamed.Text);

        // A generator that reports no usage leaves the count unknown rather than guessed.
        Assert.Null((await new Answerer(Ordered(), new FakeChatClient(reply)).AskAsync(KvQuestion, cancellationToken: Ct)).GeneratedTokens);
    }

    [Fact]
    public async Task Cancellation_propagates_before_retrieval_and_during_streaming()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var chat = new FakeChatClient("Keys and values [1] and more words to stream here.");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new Answerer(Ordered(), chat).AskAsync(KvQuestion, cancellationToken: cancelled.Token));
        Assert.Empty(chat.Calls);

        using var midway = new CancellationTokenSource();
        var received = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in new Answerer(Ordered(), chat).AskStreamingAsync(KvQuestion, cancellationToken: midway.Token))
            {
                received++;
                await midway.CancelAsync();
            }
        });
        Assert.Equal(1, received);
    }
}
