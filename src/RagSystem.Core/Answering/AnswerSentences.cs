using System.Text.RegularExpressions;

namespace RagSystem.Answering;

/// <summary>Cuts a passage into the units an extractive answer may quote: sentences of its prose, and each table row
/// (a <c>label | v1 | v2</c> line) as a unit of its own. Headings, list labels and fragments are left out.</summary>
public static partial class AnswerSentences
{
    private const int MinWords = 4;
    // Shorter than this without a sentence end, a line reads as a heading or a list label, not as a statement.
    private const int MinWordsWithoutFullStop = 9;

    [GeneratedRegex(@"^\s*(?:[-*•]|\d+[.)])\s+")]
    private static partial Regex ListMarker();

    [GeneratedRegex(@"[.!?…。！？][""'”’)\]]*$")]
    private static partial Regex SentenceEnd();

    /// <summary>The quotable units of <paramref name="text"/> in reading order (see the type's summary). The first row
    /// of a table with several rows is its header: it is not quoted, but it is matched along with every row below it.</summary>
    /// <param name="text">The passage text.</param>
    /// <param name="headingPath">The passage's headings; a unit that repeats one of them is a heading, not an answer.</param>
    public static IReadOnlyList<AnswerUnit> Split(string text, IReadOnlyList<string>? headingPath = null)
    {
        var units = new List<AnswerUnit>();
        var prose = new System.Text.StringBuilder();
        var table = new List<string>();
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            if (IsTableRow(line))
            {
                FlushProse();
                table.Add(string.Join(" | ", line.Split('|').Select(c => c.Trim())).Trim(' ', '|'));
                continue;
            }
            FlushTable();
            prose.Append(line).Append('\n');
        }
        FlushProse();
        FlushTable();
        return units.Where(u => IsAnswerSentence(u.Text, headingPath)).ToList();

        void FlushProse()
        {
            if (prose.Length == 0) return;
            units.AddRange(Chunking.SentenceSplitter.Split(prose.ToString()).Select(s => new AnswerUnit(s, s)));
            prose.Clear();
        }

        void FlushTable()
        {
            if (table.Count == 1) units.Add(new AnswerUnit(table[0], table[0]));
            foreach (var row in table.Skip(1)) units.Add(new AnswerUnit(row, row + "\n" + table[0]));
            table.Clear();
        }
    }

    /// <summary>True for a table row: a line with at least two cells separated by <c>|</c>.</summary>
    public static bool IsTableRow(string line)
    {
        var cells = line.Split('|').Select(c => c.Trim()).Where(c => c.Length > 0).ToList();
        return cells.Count >= 2 && line.Contains(" | ", StringComparison.Ordinal);
    }

    /// <summary>True when <paramref name="unit"/> can stand as an answer: a table row, or a sentence of at least four
    /// words that is not a heading (a Markdown <c>#</c> line, one of <paramref name="headingPath"/>, or a short line
    /// without a sentence end) and not a fragment (ending in <c>:</c>, or starting mid-sentence in lower case).</summary>
    public static bool IsAnswerSentence(string unit, IReadOnlyList<string>? headingPath = null)
    {
        if (IsTableRow(unit)) return true;
        var body = ListMarker().Replace(unit, "").Trim();
        if (body.Length == 0 || body.StartsWith('#') || body.EndsWith(':') || body.EndsWith(',') || body.EndsWith(';')) return false;
        if (char.IsLower(body[0])) return false;
        var words = body.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        if (words < MinWords) return false;
        if (words < MinWordsWithoutFullStop && !SentenceEnd().IsMatch(body)) return false;
        return headingPath is null || !headingPath.Any(h => string.Equals(h.Trim(), body.TrimEnd('.'), StringComparison.OrdinalIgnoreCase));
    }
}
