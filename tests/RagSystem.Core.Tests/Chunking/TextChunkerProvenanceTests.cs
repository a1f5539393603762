using RagSystem.Chunking;
using RagSystem.Documents;

namespace RagSystem.Core.Tests.Chunking;

/// <summary>Chunks carry their sections' provenance: the printed label of the first page they cover, and the mean OCR
/// confidence over the OCR-read sections they cover (null when none of their text came from OCR).</summary>
public sealed class TextChunkerProvenanceTests
{
    private static Document Pages(params (string Text, string? Label, double? Ocr)[] pages)
    {
        var builder = new SectionListBuilder();
        for (var i = 0; i < pages.Length; i++) builder.Add(pages[i].Text, i + 1, [], pages[i].Label, pages[i].Ocr);
        return new Document("book.pdf", builder.Sections);
    }

    [Fact]
    public void A_chunk_takes_the_printed_label_of_its_first_page()
    {
        var doc = Pages(("Front matter sentence one.", "iv", null), ("Body sentence on the first numbered page.", "1", null), ("More body text.", "2", null));
        var chunk = Assert.Single(new TextChunker(WordTokenCounter.Instance, new ChunkingOptions { MaxTokens = 200, OverlapTokens = 0 }).Chunk(doc));
        Assert.Equal((1, 3, "iv"), (chunk.PageStart, chunk.PageEnd, chunk.PageLabel));
    }

    [Fact]
    public void A_chunk_over_Ocr_pages_gets_their_mean_confidence_and_a_text_layer_chunk_gets_none()
    {
        var words = string.Join(' ', Enumerable.Repeat("word", 20));
        var doc = Pages(($"Typed {words}.", "1", null), ($"Scanned {words}.", "2", 0.9), ($"Scanned again {words}.", "3", 0.7));
        var chunker = new TextChunker(WordTokenCounter.Instance, new ChunkingOptions { MaxTokens = 30, OverlapTokens = 0 });
        var byPage = chunker.Chunk(doc);
        Assert.Equal([1, 2, 3], byPage.Select(c => c.PageStart!.Value));
        Assert.Equal([null, 0.9, 0.7], byPage.Select(c => c.OcrConfidence));
        Assert.Equal(["1", "2", "3"], byPage.Select(c => c.PageLabel));

        var whole = Assert.Single(new TextChunker(WordTokenCounter.Instance, new ChunkingOptions { MaxTokens = 200, OverlapTokens = 0 }).Chunk(doc));
        Assert.NotNull(whole.OcrConfidence);
        Assert.Equal(0.8, whole.OcrConfidence!.Value, 6);
    }
}
