using RagSystem.Answering;

namespace RagSystem.Core.Tests.Answering;

/// <summary>The not-found rule needs the question's anchor terms (names, numbers) and enough of its content words in one passage.</summary>
public sealed class EvidenceRuleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Anchors_are_acronyms_and_names_but_not_the_capital_that_starts_a_sentence_nor_bare_numbers()
    {
        Assert.Equal(["nvidia"], QuestionAnchors.StemSet("What was NVIDIA's data center revenue in fiscal 2024?"));
        Assert.Equal(["gpt", "2"], QuestionAnchors.StemSet("How many layers does GPT-2 have?"));
        Assert.Equal(["lora"], QuestionAnchors.StemSet("What is LoRA? Why does it matter?"));
        Assert.Equal(["english"], QuestionAnchors.StemSet("How much English text does one token stand for?"));
        Assert.Empty(QuestionAnchors.StemSet("Why do pretraining pipelines remove near-duplicate documents?"));
        Assert.Empty(QuestionAnchors.StemSet("Which segment earned $14,514 million?"));
        Assert.DoesNotContain("cabg", QuestionAnchors.StemSet("Was Coronary Artery Bypass Graft (CABG) surgery risky?"));
    }

    [Fact]
    public async Task A_passage_about_another_company_is_not_evidence_however_many_other_words_it_shares()
    {
        // Intel's filing shares "data center revenue quarter" with the question but never names NVIDIA.
        var retriever = new InMemoryRetriever(
        [
            TestChunks.Make("intel-10q.pdf", "Data center revenue for the quarter was $4.0 billion, down from the prior quarter, as revenue fell.", page: 12),
        ]);

        var answer = await new Answerer(retriever, chatClient: null).AskAsync("What was NVIDIA's data center revenue for the quarter?", cancellationToken: Ct);

        Assert.Equal(AnswerMode.NotFound, answer.Mode);
    }

    [Fact]
    public async Task Key_terms_must_be_supported_in_one_passage_and_the_supporting_passage_answers()
    {
        // Passage 1 shares most words but not the anchor; passage 5 has all of them and the answer.
        var retriever = new InMemoryRetriever(
        [
            TestChunks.Make("a.md", "One token of text can stand for a whole word or a piece of one.", ordinal: 1),
            TestChunks.Make("b.md", "Tokens are the units a model reads.", ordinal: 2),
            TestChunks.Make("c.md", "The vocabulary holds tens of thousands of tokens.", ordinal: 3),
            TestChunks.Make("d.md", "Each token is looked up in an embedding table.", ordinal: 4),
            TestChunks.Make("e.md", "For English text, one token stands for about four characters on average.", ordinal: 5),
        ]) { KeepOrder = true };

        var answer = await new Answerer(retriever, chatClient: null).AskAsync("How much English text does one token stand for?", cancellationToken: Ct);

        Assert.Equal(AnswerMode.Extractive, answer.Mode);
        Assert.StartsWith("- For English text, one token stands for about four characters on average. [5]",
            ExtractiveSelectionTests.AnswerLines(answer.Text)[0]);
        Assert.Contains("about four characters", answer.Citations.Single(c => c.Number == 5).Quote);
        Assert.Equal(1.0, answer.Evidence); // reported from the supporting passage
    }

    [Fact]
    public void Figures_match_with_or_without_thousands_separators()
    {
        Assert.Equal(1.0, EvidenceScorer.Coverage("revenue of 14514", "Data Center | $14,514 | revenue"));
        Assert.Equal(["2.5", "faster"], ContentWords.Stems("2.5 faster"));
    }
}
