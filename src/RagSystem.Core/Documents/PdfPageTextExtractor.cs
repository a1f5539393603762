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
        // The nearest-neighbour extractor costs about nine times the default one (Walden, SPARC manual) but keeps the
        // two-column paper's reading-order score at 93 % of expected 25-char pieces instead of 81 %.
        var words = NearestNeighbourWordExtractor.Instance.GetWords(letters)
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
        return text.ToString();
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
