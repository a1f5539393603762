using RagSystem.Storage;

namespace RagSystem.Core.Tests.Storage;

public sealed class LexicalNormalizerTests
{
    [Theory]
    [InlineData("Data Center $ 14,514 $ 2,856", "Data Center $ 14514 $ 2856")]
    [InlineData("1,234,567.50 dollars", "1234567.50 dollars")]
    [InlineData("items 1,2,3 and years 2019,2020", "items 1,2,3 and years 2019,2020")]
    [InlineData("a,b 12,34 12,3456", "a,b 12,34 12,3456")]
    [InlineData("no figures here", "no figures here")]
    [InlineData("ends with 7,", "ends with 7,")]
    public void Normalize_removes_only_thousands_separators(string text, string expected) =>
        Assert.Equal(expected, LexicalNormalizer.Normalize(text));

    [Fact]
    public void A_figure_gives_one_term_however_it_is_written()
    {
        Assert.Equal(["14514"], LexicalNormalizer.Terms("14,514"));
        Assert.Equal(["14514"], LexicalNormalizer.Terms("14514"));
        Assert.Equal(["14514"], LexicalNormalizer.Terms("$14,514"));
        Assert.Equal(["revenue", "was", "14514", "million"], LexicalNormalizer.Terms("Revenue was $14,514 million."));
    }

    [Fact]
    public void Terms_are_lower_cased_words_and_accents_fold_on_request()
    {
        Assert.Equal(["café", "naïve", "x"], LexicalNormalizer.Terms("Café: naïve! (x)"));
        Assert.Equal("cafe", LexicalNormalizer.FoldDiacritics("café"));
        Assert.Empty(LexicalNormalizer.Terms("?!() 😀"));
    }
}
