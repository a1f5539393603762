using RagSystem.Answering;

namespace RagSystem.Core.Tests.Answering;

public sealed class ExtractiveAnswerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_a_generator_the_answer_quotes_the_sentences_that_answer_with_citations_and_a_label()
    {
        var retriever = new InMemoryRetriever(TestChunks.Corpus());
        var answer = await new Answerer(retriever, chatClient: null).AskAsync("How many hours of sunlight do tomatoes need?", cancellationToken: Ct);

        Assert.Equal(AnswerMode.Extractive, answer.Mode);
        Assert.StartsWith("Extractive answer (no generator model installed):", answer.Text);
        Assert.Contains("- Tomatoes need six to eight hours of sunlight a day. [1]", answer.Text);
        Assert.DoesNotContain("Water them deeply", answer.Text);
        Assert.EndsWith("Run `rag models pull qwen2.5-0.5b-instruct` for generated answers.", answer.Text);
        var citation = Assert.Single(answer.Citations);
        Assert.Equal("notes/gardening.txt", citation.Source);
    }

    [Fact]
    public void The_best_sentences_come_first_at_most_the_maximum_and_each_keeps_its_passage_number()
    {
        List<PromptPassage> passages =
        [
            Passage(1, "Rust has no garbage collector. Ownership rules let the compiler free memory when the owner goes out of scope. The book has many chapters."),
            Passage(2, "Borrowing lets code use a value without taking ownership of it. References must always be valid. Lifetimes describe how long references live."),
        ];

        var (text, cited, _) = ExtractiveAnswerBuilder.Build("How do ownership and borrowing free memory in Rust?", passages, maxSentences: 3);

        var lines = text.Split('\n').Where(l => l.StartsWith("- ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, lines.Count); // the third best covers too little of the question compared with the best
        Assert.Equal("- Ownership rules let the compiler free memory when the owner goes out of scope. [1]", lines[0]);
        Assert.Equal("- Borrowing lets code use a value without taking ownership of it. [2]", lines[1]);
        Assert.DoesNotContain("The book has many chapters", text);
        Assert.Equal([1, 2], cited.Order());
    }

    [Fact]
    public void Sentences_split_at_terminal_punctuation_and_list_items_but_not_inside_decimals()
    {
        var sentences = RagSystem.Chunking.SentenceSplitter.Split("Version 2.5 is faster. It uses e.g. caching!\nStill one sentence here.\n\n- item one\n- item two");
        Assert.Equal(["Version 2.5 is faster.", "It uses e.g. caching!", "Still one sentence here.", "- item one", "- item two"], sentences);
    }

    private static PromptPassage Passage(int n, string text)
    {
        var chunk = TestChunks.Make($"doc{n}.md", text, ordinal: n);
        return new PromptPassage(n, chunk, text, PassageFormatter.Format(n, chunk, text), 0);
    }
}
