using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using RagSystem.Answering;
using RagSystem.Core.Tests.Answering;
using RagSystem.Evaluation;
using RagSystem.Testing;

namespace RagSystem.Core.Tests.Evaluation;

public sealed class QuestionSetEvaluatorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Lines_are_read_with_optional_fields_and_the_corpus_aliases_and_a_bad_line_names_its_number()
    {
        using var dir = new TempDirectory();
        var path = dir.WriteFile("q.jsonl", """
            {"question": "What is the KV cache?", "answer": "stores keys", "expected_source": "a.md", "must_contain": ["keys", "values"]}

            {"question": "Which algorithm merges pairs?", "answer_file": "tokens.md", "answer_hint": "Byte-pair encoding"}
            {"question": "Who won the World Cup?", "answerable": false}
            """);

        var items = await QaDataset.LoadAsync(path, Ct);

        Assert.Equal(3, items.Count);
        Assert.Equal(new QaItem("What is the KV cache?", "stores keys", "a.md", items[0].MustContain, true), items[0]);
        Assert.Equal(["keys", "values"], items[0].MustContain);
        Assert.Equal("tokens.md", items[1].ExpectedSource);
        Assert.Equal(["Byte-pair encoding"], items[1].MustContain);
        Assert.False(items[2].Answerable);

        var bad = dir.WriteFile("bad.jsonl", "{\"question\": \"ok?\"}\n{\"answer\": \"no question\"}\n");
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => QaDataset.LoadAsync(bad, Ct));
        Assert.Contains("line 2", error.Message);
        Assert.Contains("question", error.Message);
    }

    [Fact]
    public async Task Each_evaluator_judges_its_own_figure_from_the_answer_and_the_expectation()
    {
        var answerer = new Answerer(new InMemoryRetriever(TestChunks.Corpus()), chatClient: null);
        var item = new QaItem("How many hours of sunlight do tomatoes need?", "six to eight hours", "notes/gardening.txt", ["six to eight hours of sunlight"], true);
        var answer = await answerer.AskAsync(item.Question, cancellationToken: Ct);

        var result = await new QuestionSetEvaluator(answerer).Evaluators.EvaluateAsync([new ChatMessage(ChatRole.User, item.Question)],
            new ChatResponse(new ChatMessage(ChatRole.Assistant, answer.Text)), null,
            [new RagAnswerContext(answer), new QaExpectationContext(item)], Ct);

        Assert.True(result.Get<BooleanMetric>(SourceHitEvaluator.Name).Value);
        Assert.True(result.Get<BooleanMetric>(EvidenceContainmentEvaluator.Name).Value);
        Assert.True(result.Get<BooleanMetric>(AnswerContainmentEvaluator.Name).Value);
        Assert.True(result.Get<BooleanMetric>(NotFoundEvaluator.Name).Value);

        var wrongSource = item with { ExpectedSource = "papers/attention.pdf", MustContain = ["Multi-head attention"], Answer = "in parallel" };
        var miss = await new QuestionSetEvaluator(answerer, k: 1).Evaluators.EvaluateAsync([new ChatMessage(ChatRole.User, item.Question)],
            new ChatResponse(new ChatMessage(ChatRole.Assistant, answer.Text)), null,
            [new RagAnswerContext(answer), new QaExpectationContext(wrongSource)], Ct);
        Assert.False(miss.Get<BooleanMetric>(SourceHitEvaluator.Name).Value);
        Assert.False(miss.Get<BooleanMetric>(EvidenceContainmentEvaluator.Name).Value);
        Assert.False(miss.Get<BooleanMetric>(AnswerContainmentEvaluator.Name).Value);
        Assert.True(miss.Get<BooleanMetric>(EvidenceContainmentEvaluator.Name).Interpretation!.Failed);
    }

    [Fact]
    public async Task The_summary_gives_hit_at_k_containment_and_not_found_precision_and_recall()
    {
        var answerer = new Answerer(new InMemoryRetriever(TestChunks.Corpus()), chatClient: null);
        QaItem[] items =
        [
            new("How many hours of sunlight do tomatoes need?", null, "notes/gardening.txt", ["six to eight hours"], true),
            new("What does the KV cache store?", null, "papers/attention.pdf", ["attention keys and values"], true),
            new("Who won the 2022 FIFA World Cup final?", null, null, [], false),
            new("Which Premier League team won the most KV cache trophies?", null, null, [], false),
        ];

        var (results, summary) = await new QuestionSetEvaluator(answerer, k: 1).EvaluateAsync(items, cancellationToken: Ct);

        Assert.Equal(4, summary.Questions);
        Assert.Equal(0.5, summary.SourceHitAtK);          // the KV cache question's top passage is kv-cache.md, not attention.pdf
        Assert.Equal(1.0, summary.EvidenceContainment);   // both answers cite the passage holding the evidence
        Assert.Equal(AnswerMode.NotFound, results[2].Answer.Mode);
        Assert.Equal(AnswerMode.NotFound, results[3].Answer.Mode); // "Premier League" is in no passage
        Assert.Equal(1.0, summary.NotFoundPrecision);
        Assert.Equal(1.0, summary.NotFoundRecall);
    }

    [Theory]
    [InlineData("Revenue was $14,514 million.", "14514 million", true)]
    [InlineData("It stores the attention keys.", "Attention  KEYS", true)]
    [InlineData("A 2.5x speed-up.", "2 5x", false)]
    [InlineData("keys and values", "key", false)]
    public void Containment_ignores_case_spacing_punctuation_and_thousands_separators(string haystack, string needle, bool expected) =>
        Assert.Equal(expected, TextContainment.Contains(haystack, needle));
}
