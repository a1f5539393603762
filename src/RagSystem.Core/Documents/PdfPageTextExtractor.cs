using System.Text;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.DocumentLayoutAnalysis;
using UglyToad.PdfPig.DocumentLayoutAnalysis.PageSegmenter;
using UglyToad.PdfPig.DocumentLayoutAnalysis.ReadingOrderDetector;
using UglyToad.PdfPig.DocumentLayoutAnalysis.WordExtractor;

namespace RagSystem.Documents;

/// <summary>Extracts one page's text in reading order with PdfPig's layout analysis: nearest-neighbour words,
/// Docstrum blocks, then unsupervised reading order. Blocks become paragraphs separated by <c>"\n\n"</c>.</summary>
internal static class PdfPageTextExtractor
{
    // Docstrum's default parallelism would fight the ingestion pipeline's own parallel readers for the cores.
    private static readonly DocstrumBoundingBoxes Segmenter = new(new DocstrumBoundingBoxes.DocstrumBoundingBoxesOptions
    {
        MaxDegreeOfParallelism = 1,
    });

    /// <summary>The page's text, or an empty string when it has no letters.</summary>
    public static string Extract(Page page)
    {
        var letters = page.Letters;
        if (letters.Count == 0) return string.Empty;
        // Pages that draw space glyphs are split into words by the default extractor. Pages without them (the arXiv
        // paper in the shared data has none) need the nearest-neighbour extractor, which costs about nine times more
        // (Walden, SPARC manual) but lifts that paper's reading-order score from 81 % to 93 % of expected pieces.
        var spaces = letters.Count(l => l.Value == " ");
        var words = (spaces * 20 >= letters.Count ? page.GetWords() : NearestNeighbourWordExtractor.Instance.GetWords(letters))
            .Where(w => !string.IsNullOrWhiteSpace(w.Text))
            .ToList();
        if (words.Count == 0) return string.Empty;

        var blocks = Segmenter.GetBlocks(words);
        var ordered = UnsupervisedReadingOrderDetector.Instance.Get(blocks);
        var text = new StringBuilder();
        foreach (var block in ordered)
        {
            var paragraph = JoinLines(block);
            if (paragraph.Length == 0) continue;
            if (text.Length > 0) text.Append("\n\n");
            text.Append(paragraph);
        }
        return ExpandLigatures(text.ToString());
    }

    /// <summary>Replaces typographic ligature characters (U+FB00–U+FB06: ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ) with their letters, so that
    /// "ﬂow" found in a PDF matches the query "flow".</summary>
    public static string ExpandLigatures(string text)
    {
        if (!text.AsSpan().ContainsAnyInRange('\uFB00', '\uFB06')) return text;
        return text.Replace("\uFB00", "ff").Replace("\uFB01", "fi").Replace("\uFB02", "fl").Replace("\uFB03", "ffi")
            .Replace("\uFB04", "ffl").Replace("\uFB05", "st").Replace("\uFB06", "st");
    }

    private static string JoinLines(TextBlock block)
    {
        var text = new StringBuilder();
        foreach (var line in block.TextLines)
        {
            var lineText = line.Text.Trim();
            if (lineText.Length == 0) continue;
            if (text.Length > 0)
            {
                // A word broken across lines ("retrie-" / "val") is rejoined; other line ends become spaces.
                if (text[^1] == '-' && text.Length > 1 && char.IsLetter(text[^2]) && char.IsLower(lineText[0]))
                    text.Length--;
                else
                    text.Append(' ');
            }
            text.Append(lineText);
        }
        return text.ToString();
    }
}
