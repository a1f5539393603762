using RagSystem.Answering;

namespace RagSystem.Core.Tests.Answering;

public sealed class TextAnalysisTests
{
    [Theory]
    [InlineData("caresses", "caress")]
    [InlineData("ponies", "poni")]
    [InlineData("cats", "cat")]
    [InlineData("agreed", "agre")]
    [InlineData("plastered", "plaster")]
    [InlineData("motoring", "motor")]
    [InlineData("hopping", "hop")]
    [InlineData("filing", "file")]
    [InlineData("happy", "happi")]
    [InlineData("relational", "relat")]
    [InlineData("conditional", "condit")]
    [InlineData("generalization", "gener")]
    [InlineData("electrical", "electr")]
    [InlineData("adjustment", "adjust")]
    [InlineData("controlling", "control")]
    [InlineData("mutations", "mutat")]
    [InlineData("mutated", "mutat")]
    public void Porter_stemmer_matches_the_reference_outputs(string word, string stem) =>
        Assert.Equal(stem, PorterStemmer.Stem(word));

    [Fact]
    public void Content_words_drop_stop_words_and_single_letters_and_stem_the_rest()
    {
        Assert.Equal(["kv", "cach", "store", "7", "layer", "model", "memori"], ContentWords.Stems("What does the KV cache store in a 7-layer model's memory?"));
    }

    [Fact]
    public void Scripts_without_spaces_become_character_bigrams_and_other_scripts_are_not_stemmed()
    {
        Assert.Equal(["注意", "意力", "机制", "transform"], ContentWords.Stems("注意力 机制 in Transformers"));
        Assert.Equal(1.0, EvidenceScorer.Coverage("注意力机制", "Transformer 使用注意力机制。"));
        Assert.Equal(0.0, EvidenceScorer.Coverage("注意力机制", "卷积神经网络"));
        Assert.Equal(["größe", "häuser"], ContentWords.Stems("Größe Häuser"));
        Assert.Equal(["猫"], ContentWords.Stems("猫"));
    }

    [Fact]
    public void Coverage_is_the_share_of_question_content_words_found_in_the_passage_and_its_headings()
    {
        Assert.Equal(1.0, EvidenceScorer.Coverage("How do mutations spread?", "A mutation spreads quickly."));
        Assert.Equal(0.5, EvidenceScorer.Coverage("How do mutations spread?", "Mutated cells."));
        Assert.Equal(1.0, EvidenceScorer.Coverage("How do mutations spread?", "Cells.", ["Mutations", "Spreading"]));
        Assert.Equal(0.0, EvidenceScorer.Coverage("what is it?", "anything"));
    }

    [Theory]
    [InlineData("As shown [2].", 3, new[] { 2 })]
    [InlineData("A [3][1] and B [1, 2].", 3, new[] { 3, 1, 2 })]
    [InlineData("Range [1-3]; also [5] and [0].", 4, new[] { 1, 2, 3 })]
    [InlineData("No citations (see 1).", 4, new int[0])]
    [InlineData("Both [2 and 4].", 4, new[] { 2, 4 })]
    public void Citation_numbers_are_found_in_every_common_form_and_kept_in_range(string text, int passages, int[] expected) =>
        Assert.Equal(expected, CitationExtractor.CitedNumbers(text, passages));
}
