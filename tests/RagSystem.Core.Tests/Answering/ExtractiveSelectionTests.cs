using RagSystem.Answering;
using RagSystem.Retrieval;

namespace RagSystem.Core.Tests.Answering;

/// <summary>How extractive answers choose what to quote: across all top passages, never headings or fragments, table
/// rows as sentences, the cited sentence as the quote, sources in number order.</summary>
public sealed class ExtractiveSelectionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void A_heading_line_and_a_fragment_ending_in_a_colon_are_never_answer_sentences()
    {
        const string text = "Sampling strategies\n\n- Top-k and top-p sampling\n\nThe sampler works as follows:\n\n" +
            "Top-p sampling keeps the smallest set of tokens whose probabilities add up to p.";
        var passages = new[] { Passage(1, text, headings: ["Decoding", "Sampling strategies"]) };

        var extracted = ExtractiveAnswerBuilder.Build("What is top-p sampling?", passages, maxSentences: 4);

        var lines = AnswerLines(extracted.Text);
        Assert.Equal(["- Top-p sampling keeps the smallest set of tokens whose probabilities add up to p. [1]"], lines);
    }

    [Fact]
    public void The_sentence_that_answers_is_found_in_passage_five_and_quoted_instead_of_the_passage_start()
    {
        List<PromptPassage> passages =
        [
            Passage(1, "Text is split into tokens before a model reads it. English words are common in the training text."),
            Passage(2, "Embeddings map each token to a vector. The vectors are learned during training."),
            Passage(3, "A tokenizer has a fixed vocabulary. Rare words become several tokens."),
            Passage(4, "Context windows are measured in tokens. Longer windows cost more memory."),
            Passage(5, "Vocabulary sizes range from 32,000 to 150,000 entries. For English text, one token stands for about four characters on average."),
        ];

        var extracted = ExtractiveAnswerBuilder.Build("How much English text does one token stand for?", passages, maxSentences: 4);

        Assert.StartsWith("- For English text, one token stands for about four characters on average. [5]", AnswerLines(extracted.Text)[0]);
        Assert.Equal("For English text, one token stands for about four characters on average.", extracted.Quotes[5]);
    }

    [Fact]
    public void A_table_row_counts_as_a_sentence_and_its_label_and_figures_are_quoted_together()
    {
        const string table = "Revenue by segment (in millions)\nSegment | Q2 2024 | Q2 2023\nData Center | 14,514 | 4,284\nGaming | 2,856 | 2,240";
        var extracted = ExtractiveAnswerBuilder.Build("What was Data Center revenue in Q2 2024?", [Passage(1, table)], maxSentences: 2);

        Assert.Equal("- Data Center | 14,514 | 4,284 [1]", AnswerLines(extracted.Text)[0]);
        Assert.Equal("Data Center | 14,514 | 4,284", extracted.Quotes[1].Split(" … ")[0]);
    }

    [Fact]
    public async Task Sources_are_listed_in_number_order_and_each_quotes_its_cited_sentence()
    {
        // Passage 3 holds the best sentence, passage 1 the second best: the text cites [3] first, the sources list [1] first.
        var retriever = new InMemoryRetriever(
        [
            TestChunks.Make("a.md", "The cache is described later in this book. Attention keys are cached per layer in the KV cache.", ordinal: 1),
            TestChunks.Make("b.md", "Unrelated introduction about the history of computing machines and their many uses.", ordinal: 2),
            TestChunks.Make("c.md", "Chapter start. The KV cache stores the attention keys and values of earlier tokens.", ordinal: 3),
        ]) { KeepOrder = true };

        var answer = await new Answerer(retriever, chatClient: null).AskAsync("What does the KV cache store for attention keys and values?", cancellationToken: Ct);

        Assert.Equal(AnswerMode.Extractive, answer.Mode);
        Assert.StartsWith("- The KV cache stores the attention keys and values of earlier tokens. [3]", AnswerLines(answer.Text)[0]);
        Assert.Equal([1, 3], answer.Citations.Select(c => c.Number));
        Assert.Equal("The KV cache stores the attention keys and values of earlier tokens.", answer.Citations[1].Quote);
        Assert.Equal("Attention keys are cached per layer in the KV cache.", answer.Citations[0].Quote);
        Assert.Contains("\"quote\": \"The KV cache stores the attention keys and values of earlier tokens.\"", AnswerJson.Serialize(answer));
    }

    [Fact]
    public async Task A_generated_answer_quotes_the_passage_sentence_its_citing_sentence_rests_on_and_lists_sources_in_order()
    {
        var retriever = new InMemoryRetriever(TestChunks.Corpus());
        var chat = new FakeChatClient("Multi-head attention runs heads in parallel [2]. The KV cache reuses keys and values of earlier tokens [1].");

        var answer = await new Answerer(retriever, chat).AskAsync("How do the KV cache and multi-head attention use keys and values?", cancellationToken: Ct);

        Assert.Equal([1, 2], answer.Citations.Select(c => c.Number));
        Assert.Equal("The KV cache stores the attention keys and values of earlier tokens.", answer.Citations[0].Quote);
        Assert.Equal("Multi-head attention lets the model attend to different positions in parallel.", answer.Citations[1].Quote);
        Assert.Null(answer.Timings.TimeToFirstTokenMs); // not streamed: no first token to time
    }

    internal static List<string> AnswerLines(string text) =>
        text.Split('\n').Where(l => l.StartsWith("- ", StringComparison.Ordinal)).ToList();

    private static PromptPassage Passage(int n, string text, IReadOnlyList<string>? headings = null)
    {
        RetrievedChunk chunk = TestChunks.Make($"doc{n}.md", text, ordinal: n, headings: headings);
        return new PromptPassage(n, chunk, text, PassageFormatter.Format(n, chunk, text), 0);
    }
}
