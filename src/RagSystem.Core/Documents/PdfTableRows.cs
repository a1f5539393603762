namespace RagSystem.Documents;

/// <summary>Finds tables on a PDF page from word positions alone: words on one baseline split into cells wherever the
/// horizontal gap is wider than a word space; two or more consecutive lines with at least two narrow cells each form a
/// table. Rows are rendered as <c>label | v1 | v2</c>, so a figure stays on the line of its label instead of landing in a
/// column of figures read after a column of labels.</summary>
internal static class PdfTableRows
{
    // A cell boundary is a gap wider than this many font sizes (a word space is about 0.25 em, justified prose rarely
    // stretches past 0.6 em).
    private const double CellGap = 1.0;

    // A cell wider than this share of the page is a line of prose (a text column beside the table), not a table cell.
    private const double ProseCellShare = 0.3;

    // Table rows are set closer than this many font sizes apart; a wider gap ends the table.
    private const double MaxRowGap = 2.6;

    // A cell of at least this many words or characters reads as a line of prose.
    private const int ProseWords = 6;
    private const int ProseChars = 40;

    /// <summary>The page's tables, and the words outside them (for paragraph layout analysis).</summary>
    public static (List<PdfTableRegion> Tables, List<PdfWord> Others) Find(IReadOnlyList<PdfWord> words, double pageWidth)
    {
        var tables = new List<PdfTableRegion>();
        var rest = new List<PdfWord>(words.Count);
        rest.AddRange(words.Where(w => !w.IsHorizontal));
        var run = new List<(List<PdfWord> Line, List<List<PdfWord>> Cells, bool Tabular)>();
        double previousBaseline = double.NaN, previousSize = 0;

        foreach (var line in PdfWordMerger.Lines(words.Where(w => w.IsHorizontal), 0.3))
        {
            var size = line.Max(w => w.Size);
            var cells = Cells(line);
            var narrow = cells.Where(c => c[^1].Right - c[0].Left <= ProseCellShare * pageWidth).ToList();
            var continues = run.Count > 0 && previousBaseline - line[0].Baseline <= MaxRowGap * Math.Max(size, previousSize);
            if (!continues) Close();
            if (narrow.Count >= 2) run.Add((line, narrow, true));
            // A lone label between rows ("Revenue:") belongs to the table; prose beside or after it ends the table.
            else if (run.Count > 0 && cells.Count == 1 && narrow.Count == 1) run.Add((line, narrow, false));
            else
            {
                Close();
                rest.AddRange(line);
            }
            previousBaseline = line[0].Baseline;
            previousSize = size;
        }
        Close();
        return (tables, rest);

        void Close()
        {
            while (run.Count > 0 && !run[^1].Tabular)
            {
                rest.AddRange(run[^1].Line);
                run.RemoveAt(run.Count - 1);
            }
            var rows = run.Count(r => r.Tabular);
            // Narrow text columns side by side also split into short "cells"; there most rows carry a line of prose.
            var proseRows = run.Count(r => r.Tabular && r.Cells.Any(IsProseLine));
            if (rows >= 2 && proseRows * 2 <= rows)
            {
                tables.Add(new PdfTableRegion([.. run.Select(r => (IReadOnlyList<IReadOnlyList<PdfWord>>)r.Cells)]));
                // The prose cells of table rows (a text column beside the table) stay with the paragraphs.
                foreach (var (line, cells, _) in run) rest.AddRange(line.Except(cells.SelectMany(c => c)));
            }
            else
            {
                foreach (var (line, _, _) in run) rest.AddRange(line);
            }
            run.Clear();
        }
    }

    // A line of running text in a narrow column: table cells are labels and figures, rarely this long.
    private static bool IsProseLine(List<PdfWord> cell) => cell.Count >= ProseWords || cell.Sum(w => w.Text.Length + 1) > ProseChars;

    /// <summary>A row's text: cells joined by <c>" | "</c>, a lone currency sign joined to the figure after it.</summary>
    public static string RowText(IReadOnlyList<IReadOnlyList<PdfWord>> cells)
    {
        var texts = new List<string>(cells.Count);
        string? pendingCurrency = null;
        foreach (var cell in cells)
        {
            var text = string.Join(' ', cell.Select(w => w.Text));
            if (text is "$" or "€" or "£" or "¥")
            {
                pendingCurrency = text;
                continue;
            }
            texts.Add(pendingCurrency is null ? text : pendingCurrency + text);
            pendingCurrency = null;
        }
        // A currency sign in the last cell has no figure to go with; it says nothing on its own.
        return string.Join(" | ", texts);
    }

    private static List<List<PdfWord>> Cells(List<PdfWord> line)
    {
        var cells = new List<List<PdfWord>> { new() { line[0] } };
        for (var i = 1; i < line.Count; i++)
        {
            var previous = line[i - 1];
            var gap = line[i].Left - previous.Right;
            if (gap > CellGap * Math.Max(previous.Size, line[i].Size)) cells.Add([]);
            cells[^1].Add(line[i]);
        }
        return cells;
    }
}
