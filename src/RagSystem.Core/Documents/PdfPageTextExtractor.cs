using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.DocumentLayoutAnalysis;
using UglyToad.PdfPig.DocumentLayoutAnalysis.PageSegmenter;
using UglyToad.PdfPig.DocumentLayoutAnalysis.ReadingOrderDetector;
using UglyToad.PdfPig.DocumentLayoutAnalysis.WordExtractor;

namespace RagSystem.Documents;

/// <summary>Extracts one page's text in reading order with PdfPig's layout analysis: words (repaired by
/// <see cref="PdfWordMerger"/>), tables as rows (<see cref="PdfTableRows"/>), Docstrum blocks for the rest, then
/// unsupervised reading order over paragraphs and tables together.</summary>
internal static class PdfPageTextExtractor
{
    // Docstrum's default parallelism would fight the ingestion pipeline's own parallel readers for the cores.
    private static readonly DocstrumBoundingBoxes Segmenter = new(new DocstrumBoundingBoxes.DocstrumBoundingBoxesOptions
    {
        MaxDegreeOfParallelism = 1,
    });

    /// <summary>The page's blocks of text; none when it has no letters.</summary>
    public static PdfPageLayout Extract(Page page, int number)
    {
        var letters = page.Letters;
        if (letters.Count == 0) return new PdfPageLayout(number, page.Width, page.Height, []);
        // Pages that draw space glyphs are split into words by the default extractor. Pages without them (the arXiv
        // paper in the shared data has none) need the nearest-neighbour extractor, which costs about nine times more
        // (Walden, SPARC manual) but lifts that paper's reading-order score from 81 % to 93 % of expected pieces.
        var spaces = letters.Count(l => l.Value == " ");
        var extracted = (spaces * 20 >= letters.Count ? page.GetWords() : NearestNeighbourWordExtractor.Instance.GetWords(letters))
            .Where(w => !string.IsNullOrWhiteSpace(w.Text))
            .ToList();
        if (extracted.Count == 0) return new PdfPageLayout(number, page.Width, page.Height, []);

        var words = PdfWordMerger.Merge(extracted);
        var shown = new Dictionary<Word, PdfWord>(ReferenceEqualityComparer.Instance);
        foreach (var word in words) shown[word.Source] = word;
        var (tables, rest) = PdfTableRows.Find(words, page.Width);

        var blocks = rest.Count == 0 ? [] : Segmenter.GetBlocks(rest.Select(w => w.Source)).ToList();
        var tableOf = new Dictionary<TextBlock, PdfTableRegion>(ReferenceEqualityComparer.Instance);
        foreach (var table in tables)
        {
            var block = new TextBlock([.. table.Rows.Select(row => new TextLine([.. row.SelectMany(cell => cell).Select(w => w.Source)]))]);
            tableOf[block] = table;
            blocks.Add(block);
        }

        var result = new List<PdfTextBlock>();
        foreach (var block in UnsupervisedReadingOrderDetector.Instance.Get(blocks))
        {
            if (tableOf.TryGetValue(block, out var table)) result.Add(TableBlock(table));
            else if (ParagraphBlock(block, shown) is { } paragraph) result.Add(paragraph);
        }
        return new PdfPageLayout(number, page.Width, page.Height, result);
    }

    /// <summary>Replaces typographic ligature characters (U+FB00–U+FB06: ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ) with their letters, so that
    /// "ﬂow" found in a PDF matches the query "flow".</summary>
    public static string ExpandLigatures(string text)
    {
        if (!text.AsSpan().ContainsAnyInRange('\uFB00', '\uFB06')) return text;
        return text.Replace("\uFB00", "ff").Replace("\uFB01", "fi").Replace("\uFB02", "fl").Replace("\uFB03", "ffi")
            .Replace("\uFB04", "ffl").Replace("\uFB05", "st").Replace("\uFB06", "st");
    }

    private static PdfTextBlock TableBlock(PdfTableRegion table)
    {
        var lines = new List<PdfLine>(table.Rows.Count);
        foreach (var row in table.Rows)
        {
            var words = row.SelectMany(c => c).ToList();
            var text = ExpandLigatures(PdfTableRows.RowText(row));
            if (text.Length == 0) continue;
            lines.Add(new PdfLine(text, words.Min(w => w.Box.Bottom), words.Max(w => w.Box.Top), words.Max(w => w.Size)));
        }
        return new PdfTextBlock(lines, IsTable: true);
    }

    // Words joined by spaces, except a currency sign set apart from the figure after it ("$   14,514" in a column layout).
    private static string JoinWords(List<PdfWord> words)
    {
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < words.Count; i++)
        {
            if (i > 0 && !(words[i - 1].Text is "$" or "€" or "£" or "¥" && words[i].Text.Length > 0 && char.IsAsciiDigit(words[i].Text[0])))
                text.Append(' ');
            text.Append(words[i].Text);
        }
        return text.ToString();
    }

    private static PdfTextBlock? ParagraphBlock(TextBlock block, Dictionary<Word, PdfWord> shown)
    {
        var lines = new List<PdfLine>(block.TextLines.Count);
        foreach (var line in block.TextLines)
        {
            var words = line.Words.Select(w => shown.TryGetValue(w, out var s) ? s : new PdfWord(w, w.Text)).ToList();
            var text = ExpandLigatures(JoinWords(words)).Trim();
            // A currency sign alone on a line (its figure sits in another block) carries nothing a reader needs.
            if (text.Length == 0 || text is "$" or "€" or "£" or "¥") continue;
            lines.Add(new PdfLine(text, line.BoundingBox.Bottom, line.BoundingBox.Top, words.Max(w => w.Size)));
        }
        return lines.Count == 0 ? null : new PdfTextBlock(lines, IsTable: false);
    }
}
