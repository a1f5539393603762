using System.Text;

namespace RagSystem.Documents;

/// <summary>Renders a Word table's cell texts as text: one paragraph per row, cells joined by <c>" | "</c>. When the
/// first row is a header (every cell filled, none a bare figure) and data rows follow, each data cell is prefixed with its
/// column's header (<c>"Method: LoRA | Memory: Low"</c>), so a row quoted or chunked alone still says what it holds.</summary>
internal static class DocxTableRows
{
    // A header label longer than this is a sentence, not a column name; repeating it would drown the row's figures.
    private const int MaxHeaderLabelLength = 40;

    public static string Render(IReadOnlyList<List<string>> rows)
    {
        if (rows.Count == 0) return string.Empty;
        var header = rows[0];
        var repeatHeader = rows.Count > 1 && header.Count > 1
            && header.All(c => c.Length is > 0 and <= MaxHeaderLabelLength && !IsFigure(c));
        var text = new StringBuilder();
        for (var r = 0; r < rows.Count; r++)
        {
            if (text.Length > 0) text.Append("\n\n");
            var cells = rows[r];
            if (r == 0 || !repeatHeader || cells.Count != header.Count)
            {
                text.AppendJoin(" | ", cells);
                continue;
            }
            text.AppendJoin(" | ", cells.Select((cell, c) => cell.Length == 0 ? null : $"{header[c]}: {cell}").OfType<string>());
        }
        return text.ToString();
    }

    private static bool IsFigure(string cell) => cell.All(ch => char.IsDigit(ch) || ch is '.' or ',' or '%' or '$' or '-' or ' ');
}
