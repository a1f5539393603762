using RagSystem.Answering;
using RagSystem.Testing;

namespace RagSystem.IntegrationTests.Answering;

/// <summary>The answerer over a real book (the Rust book's 112 chapters, BM25 over 180-word windows): extractive
/// answers quote on-topic sentences with citations, off-topic questions are not found, and generative prompts fit.</summary>
public sealed class RustBookAnsweringTests
{
    private static readonly Lazy<(Bm25Index Index, List<string> Texts)> Book = new(() =>
    {
        var root = SharedData.Find("data", "markdown", "rust-book", "src")!;
        var passages = Directory.EnumerateFiles(root, "*.md").Order()
            .SelectMany(f => WordWindows.Split(File.ReadAllText(f)).Select(w => (Path.GetRelativePath(root, f), w))).ToList();
        return (new Bm25Index(passages), passages.Select(p => p.w).ToList());
    });

    private static Bm25Retriever Retriever() => new(Book.Value.Index, Book.Value.Texts);

    [Fact]
    public async Task Extractive_answer_quotes_sentences_about_the_question_from_the_cited_chapters()
    {
        if (SharedData.MissingReason("data", "markdown", "rust-book", "src") is { } reason) Assert.Skip(reason);
        const string question = "What does the borrow checker compare to decide whether references are valid?";

        var answer = await new Answerer(Retriever(), null).AskAsync(question, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(AnswerMode.Extractive, answer.Mode);
        Assert.StartsWith(ExtractiveAnswerBuilder.Label, answer.Text);
        var sentences = answer.Text.Split('\n').Where(l => l.StartsWith("- ", StringComparison.Ordinal)).ToList();
        Assert.InRange(sentences.Count, 2, 4);
        var questionStems = ContentWords.StemSet(question);
        Assert.All(sentences, s => Assert.Contains(ContentWords.Stems(s), questionStems.Contains));
        Assert.Contains(sentences, s => s.Contains("borrow", StringComparison.OrdinalIgnoreCase));
        Assert.All(answer.Citations, c => Assert.Contains(sentences, s => s.EndsWith($"[{c.Number}]", StringComparison.Ordinal)));
        Assert.Contains(answer.Citations, c => c.Text.Contains("borrow checker", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Questions_the_book_does_not_cover_are_not_found()
    {
        if (SharedData.MissingReason("data", "markdown", "rust-book", "src") is { } reason) Assert.Skip(reason);
        foreach (var question in (string[])["How long should sourdough bread proof before baking?", "Which vaccine prevents measles in infants?"])
        {
            var answer = await new Answerer(Retriever(), null).AskAsync(question, cancellationToken: TestContext.Current.CancellationToken);
            Assert.True(answer.Mode == AnswerMode.NotFound, $"'{question}' was answered with evidence {answer.Evidence:F2}: {answer.Text}");
        }
    }
}
