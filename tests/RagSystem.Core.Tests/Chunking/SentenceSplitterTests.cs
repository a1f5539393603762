using RagSystem.Chunking;

namespace RagSystem.Core.Tests.Chunking;

public sealed class SentenceSplitterTests
{
    private static string[] Split(string text) =>
        SentenceSplitter.Sentences(text, 0, text.Length).Select(s => text[s.Start..s.End]).ToArray();

    [Fact]
    public void Splits_on_terminal_punctuation_followed_by_a_capital()
    {
        Assert.Equal(["Attention is all you need.", "Is it?", "Yes!"], Split("Attention is all you need. Is it? Yes!"));
    }

    [Fact]
    public void Keeps_abbreviations_initials_and_decimals_inside_a_sentence()
    {
        Assert.Single(Split("Models such as GPT-2, e.g. the small one, reach 3.5 points per J. Smith et al. in Fig. 2 today."));
    }

    [Fact]
    public void Keeps_a_closing_quote_with_its_sentence()
    {
        Assert.Equal(["He said \"stop.\"", "Then left."], Split("He said \"stop.\" Then left."));
    }

    [Fact]
    public void Splits_cjk_full_stops()
    {
        Assert.Equal(["模型很大。", "它预测下一个词。"], Split("模型很大。它预测下一个词。"));
    }

    [Fact]
    public void Paragraphs_are_separated_by_blank_lines_only()
    {
        const string text = "line one\nline two\n\n  \n\nsecond para";
        var paras = SentenceSplitter.Paragraphs(text, 0, text.Length).Select(p => text[p.Start..p.End]).ToArray();
        Assert.Equal(["line one\nline two", "second para"], paras);
    }
}
