using RagSystem.Answering;
using RagSystem.Retrieval;

namespace RagSystem.Core.Tests.Answering;

public sealed class PromptBuilderTests
{
    private static readonly WordTokenCounter Words = new();

    private static RetrievedChunk Passage(string path, int words, int ordinal) =>
        TestChunks.Make(path, string.Join(' ', Enumerable.Range(0, words).Select(i => $"w{ordinal}x{i}")), ordinal: ordinal);

    [Fact]
    public async Task Prompt_holds_numbered_passages_with_sources_and_the_rules()
    {
        var builder = new PromptBuilder(Words);
        var prompt = await builder.BuildAsync("What does the KV cache store?", TestChunks.Corpus(), 4096, 256, 16, TestContext.Current.CancellationToken);

        Assert.Contains("only the numbered passages", prompt.System);
        Assert.Contains("[1]", prompt.System);
        Assert.Contains("do not contain the answer", prompt.System);
        Assert.Contains("[1] source: guides/kv-cache.md, section: Decoding > KV cache\nThe KV cache stores", prompt.User);
        Assert.Contains("[2] source: papers/tokenization.pdf, p. 4\nByte-pair encoding", prompt.User);
        Assert.Contains("[4] source: papers/attention.pdf, p. 7", prompt.User);
        Assert.Contains("Question: What does the KV cache store?", prompt.User);
        Assert.Equal([1, 2, 3, 4], prompt.Passages.Select(p => p.Number));
        Assert.Equal(0, prompt.DroppedPassages);
    }

    [Fact]
    public async Task Passages_that_do_not_fit_are_dropped_and_the_answer_budget_is_kept()
    {
        var builder = new PromptBuilder(Words);
        var ranked = Enumerable.Range(0, 10).Select(i => Passage($"doc{i}.md", 100, i)).ToList();
        const int window = 600, answer = 200, overhead = 10;

        var prompt = await builder.BuildAsync("why?", ranked, window, answer, overhead, TestContext.Current.CancellationToken);

        var measured = Words.CountTokens(prompt.System) + Words.CountTokens(prompt.User) + overhead;
        Assert.Equal(measured, prompt.PromptTokens);
        Assert.True(prompt.PromptTokens <= window - answer, $"prompt {prompt.PromptTokens} tokens exceeds {window - answer}");
        Assert.InRange(prompt.Passages.Count, 1, 3);
        Assert.Equal(10 - prompt.Passages.Count, prompt.DroppedPassages);
        // The best passages are kept, in rank order, numbered from 1.
        Assert.Equal(ranked.Take(prompt.Passages.Count).Select(r => r.DocumentPath), prompt.Passages.Select(p => p.Chunk.DocumentPath));
        Assert.DoesNotContain("doc9.md", prompt.User);
        Assert.Equal(answer, prompt.MaxAnswerTokens);
    }

    [Fact]
    public async Task A_passage_too_long_for_the_budget_is_skipped_and_a_shorter_later_one_still_fits()
    {
        var builder = new PromptBuilder(Words);
        List<RetrievedChunk> ranked = [Passage("a.md", 50, 0), Passage("huge.md", 5000, 1), Passage("c.md", 50, 2)];

        var prompt = await builder.BuildAsync("why?", ranked, 700, 200, 10, TestContext.Current.CancellationToken);

        Assert.Equal(["a.md", "c.md"], prompt.Passages.Select(p => p.Chunk.DocumentPath));
        Assert.Contains("[2] source: c.md", prompt.User);
        Assert.DoesNotContain("huge.md", prompt.User);
    }

    [Fact]
    public async Task When_no_passage_fits_whole_the_best_one_is_shortened_to_fit()
    {
        var builder = new PromptBuilder(Words);
        var prompt = await builder.BuildAsync("why?", [Passage("long.md", 3000, 0)], 600, 200, 10, TestContext.Current.CancellationToken);

        var passage = Assert.Single(prompt.Passages);
        Assert.EndsWith("…", passage.Text);
        Assert.True(prompt.PromptTokens <= 400);
        Assert.True(prompt.PromptTokens > 300, "the shortened passage should use most of the remaining budget");
    }

    [Fact]
    public async Task A_window_that_cannot_hold_the_rules_and_the_answer_budget_is_an_actionable_error()
    {
        var builder = new PromptBuilder(Words);
        var error = await Assert.ThrowsAsync<PromptBudgetException>(() =>
            builder.BuildAsync("why?", TestChunks.Corpus(), 100, 90, 10, TestContext.Current.CancellationToken));
        Assert.Contains("MaxAnswerTokens", error.Message);

        // The key the message names is one the configuration really binds.
        var key = System.Text.RegularExpressions.Regex.Match(error.Message, @"Lower (\S+)").Groups[1].Value;
        var options = new RagOptions();
        Microsoft.Extensions.Configuration.ConfigurationBinder.Bind(
            Microsoft.Extensions.Configuration.MemoryConfigurationBuilderExtensions.AddInMemoryCollection(
                new Microsoft.Extensions.Configuration.ConfigurationBuilder(), [new(key, "77")]).Build(), options);
        Assert.Equal(77, options.Answering.MaxAnswerTokens);
    }

    [Fact]
    public async Task Template_substitutes_variables_and_leaves_braces_and_markup_in_values_verbatim()
    {
        var builder = new PromptBuilder(Words);
        const string tricky = "Use {{$question}} and {{ time.now }} or {{plugin.fn \"x\"}} in templates; a < b && c > \"d\" & 'e'.";
        var prompt = await builder.BuildAsync("Is <b>x</b> & {{$passages}} y?", [TestChunks.Make("t.md", tricky)], 4096, 256, 16,
            TestContext.Current.CancellationToken);

        Assert.Contains(tricky, prompt.User);
        Assert.Contains("Question: Is <b>x</b> & {{$passages}} y?", prompt.User);
        Assert.DoesNotContain("&lt;", prompt.User);
        Assert.DoesNotContain("&amp;", prompt.User);
        Assert.DoesNotContain("&quot;", prompt.User);
        Assert.DoesNotContain("{{$passages}}\n", prompt.User);
        Assert.DoesNotContain("{{$", prompt.System);
    }
}
