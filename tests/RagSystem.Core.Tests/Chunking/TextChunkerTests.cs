using RagSystem.Chunking;
using RagSystem.Documents;

namespace RagSystem.Core.Tests.Chunking;

public sealed class TextChunkerTests
{
    private static Document Doc(params (string Text, int? Page, string[] Headings)[] parts)
    {
        var sections = new List<Section>();
        var offset = 0;
        foreach (var (text, page, headings) in parts)
        {
            sections.Add(new Section(text, page, headings, offset));
            offset += text.Length + 2;
        }
        return new Document("doc", sections);
    }

    private static string Sentences(string topic, int count, int wordsEach = 9) =>
        string.Join(" ", Enumerable.Range(0, count).Select(i =>
            $"{topic} sentence number {i} " + string.Join(" ", Enumerable.Repeat("word", wordsEach - 4)) + "."));

    [Fact]
    public void Chunk_text_is_the_exact_span_of_the_document_text()
    {
        var doc = Doc((Sentences("Alpha", 40) + "\n\n" + Sentences("Beta", 40), 1, []), (Sentences("Gamma", 30), 2, []));
        var chunks = new TextChunker(WordTokenCounter.Instance, new ChunkingOptions { MaxTokens = 64, OverlapTokens = 16 }).Chunk(doc);
        var text = DocumentText.Join(doc.Sections);
        Assert.True(chunks.Count > 5);
        foreach (var c in chunks) Assert.Equal(text.Substring(c.Start, c.Length), c.Text);
        Assert.Equal(Enumerable.Range(0, chunks.Count), chunks.Select(c => c.Ordinal));
    }

    [Fact]
    public void No_chunk_exceeds_the_budget_and_every_word_is_covered()
    {
        var doc = Doc((Sentences("Alpha", 120), null, []));
        var chunks = new TextChunker(WordTokenCounter.Instance, new ChunkingOptions { MaxTokens = 50, OverlapTokens = 10 }).Chunk(doc);
        Assert.All(chunks, c => Assert.InRange(c.TokenCount, 1, 50));
        var covered = new bool[doc.Sections[0].Text.Length];
        foreach (var c in chunks) for (var i = c.Start; i < c.Start + c.Length; i++) covered[i] = true;
        for (var i = 0; i < covered.Length; i++)
            if (!char.IsWhiteSpace(doc.Sections[0].Text[i])) Assert.True(covered[i], $"character {i} is in no chunk");
    }

    [Fact]
    public void Consecutive_chunks_overlap_by_whole_sentences_within_the_overlap_budget()
    {
        var doc = Doc((Sentences("Alpha", 60), null, []));
        var chunks = new TextChunker(WordTokenCounter.Instance, new ChunkingOptions { MaxTokens = 45, OverlapTokens = 20 }).Chunk(doc);
        for (var i = 1; i < chunks.Count; i++)
        {
            var prevEnd = chunks[i - 1].Start + chunks[i - 1].Length;
            Assert.True(chunks[i].Start < prevEnd, "chunks should overlap");
            var overlap = doc.Sections[0].Text[chunks[i].Start..prevEnd];
            Assert.InRange(WordTokenCounter.Instance.CountTokens(overlap), 1, 20);
            Assert.EndsWith(".", overlap.TrimEnd());
        }
    }

    [Fact]
    public void Zero_overlap_gives_disjoint_chunks()
    {
        var doc = Doc((Sentences("Alpha", 60), null, []));
        var chunks = new TextChunker(WordTokenCounter.Instance, new ChunkingOptions { MaxTokens = 45, OverlapTokens = 0 }).Chunk(doc);
        for (var i = 1; i < chunks.Count; i++) Assert.True(chunks[i].Start >= chunks[i - 1].Start + chunks[i - 1].Length);
    }

    [Fact]
    public void A_chunk_never_spans_two_heading_sections_and_carries_its_heading_path()
    {
        var doc = Doc(("Intro text here.", null, ["Guide"]), ("Install it like this.", null, ["Guide", "Install"]), ("Use it.", null, ["Guide", "Usage"]));
        var chunks = new TextChunker(WordTokenCounter.Instance).Chunk(doc);
        Assert.Equal(3, chunks.Count);
        Assert.Equal(["Guide"], chunks[0].HeadingPath);
        Assert.Equal(["Guide", "Install"], chunks[1].HeadingPath);
        Assert.Equal("Use it.", chunks[2].Text);
    }

    [Fact]
    public void Pages_without_headings_flow_together_and_the_chunk_carries_its_page_range()
    {
        var doc = Doc(("The first page ends mid-thought.", 1, []), ("The second page finishes it.", 2, []), ("Third.", 3, []));
        var chunks = new TextChunker(WordTokenCounter.Instance).Chunk(doc);
        var only = Assert.Single(chunks);
        Assert.Equal(1, only.PageStart);
        Assert.Equal(3, only.PageEnd);
    }

    [Fact]
    public void Breaks_fall_between_paragraphs_when_they_fit()
    {
        var p1 = Sentences("First", 4);
        var p2 = Sentences("Second", 4);
        var doc = Doc((p1 + "\n\n" + p2, null, []));
        var chunks = new TextChunker(WordTokenCounter.Instance, new ChunkingOptions { MaxTokens = 50, OverlapTokens = 0 }).Chunk(doc);
        Assert.Equal(2, chunks.Count);
        Assert.Equal(p1, chunks[0].Text);
        Assert.Equal(p2, chunks[1].Text);
    }

    [Fact]
    public void An_over_long_sentence_is_sliced_within_budget()
    {
        var sentence = string.Join(" ", Enumerable.Range(0, 1000).Select(i => "w" + i)) + ".";
        var chunks = new TextChunker(WordTokenCounter.Instance, new ChunkingOptions { MaxTokens = 100, OverlapTokens = 10 }).Chunk(Doc((sentence, null, [])));
        Assert.InRange(chunks.Count, 10, 13);
        Assert.All(chunks, c => Assert.InRange(c.TokenCount, 1, 100));
        Assert.Contains("w999.", chunks[^1].Text);
    }

    [Fact]
    public void Text_without_spaces_in_a_dense_script_is_sliced()
    {
        var cjk = string.Concat(Enumerable.Repeat("大型语言模型通过预测下一个词来生成文本", 40));
        var chunks = new TextChunker(WordTokenCounter.Instance, new ChunkingOptions { MaxTokens = 64, OverlapTokens = 8 }).Chunk(Doc((cjk, null, [])));
        Assert.True(chunks.Count >= 12);
        Assert.All(chunks, c => Assert.InRange(c.TokenCount, 1, 64));
        Assert.Equal(cjk.Length, chunks.Sum(c => c.Length) - OverlapLength(chunks));
    }

    [Fact]
    public void Empty_sections_give_no_chunks()
    {
        Assert.Empty(new TextChunker(WordTokenCounter.Instance).Chunk(Doc(("   \n\n  ", null, []))));
    }

    [Fact]
    public void Invalid_options_are_rejected_with_a_clear_message()
    {
        var ex = Assert.Throws<ArgumentException>(() => new TextChunker(WordTokenCounter.Instance, new ChunkingOptions { MaxTokens = 64, OverlapTokens = 64 }));
        Assert.Contains("OverlapTokens", ex.Message);
    }

    private static int OverlapLength(IReadOnlyList<Chunk> chunks)
    {
        var total = 0;
        for (var i = 1; i < chunks.Count; i++) total += Math.Max(0, chunks[i - 1].Start + chunks[i - 1].Length - chunks[i].Start);
        return total;
    }
}
