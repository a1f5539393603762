namespace RagSystem.Samples.CorpusBuilder;

/// <summary>Parses the small markdown-like format of <c>sources/*.md</c>: headings, paragraphs, bullets,
/// pipe tables and <c>&lt;&lt;&lt;pagebreak&gt;&gt;&gt;</c> markers.</summary>
internal static class SourceParser
{
    public const string PageBreakMarker = "<<<pagebreak>>>";

    public static IReadOnlyList<SourceBlock> Parse(string text)
    {
        var blocks = new List<SourceBlock>();
        var paragraph = new List<string>();
        var rows = new List<IReadOnlyList<string>>();

        void Flush()
        {
            if (paragraph.Count > 0) blocks.Add(new SourceBlock(SourceBlockKind.Paragraph, string.Join(' ', paragraph), []));
            if (rows.Count > 0) blocks.Add(new SourceBlock(SourceBlockKind.Table, "", rows.ToList()));
            paragraph.Clear();
            rows.Clear();
        }

        foreach (var raw in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0) { Flush(); continue; }
            if (line.StartsWith('|'))
            {
                if (paragraph.Count > 0) Flush();
                rows.Add(line.Trim('|').Split('|').Select(c => c.Trim()).ToList());
                continue;
            }
            if (rows.Count > 0) Flush();
            if (line == PageBreakMarker) { Flush(); blocks.Add(new SourceBlock(SourceBlockKind.PageBreak, "", [])); }
            else if (line.StartsWith("### ", StringComparison.Ordinal)) { Flush(); blocks.Add(new SourceBlock(SourceBlockKind.Heading3, line[4..], [])); }
            else if (line.StartsWith("## ", StringComparison.Ordinal)) { Flush(); blocks.Add(new SourceBlock(SourceBlockKind.Heading2, line[3..], [])); }
            else if (line.StartsWith("# ", StringComparison.Ordinal)) { Flush(); blocks.Add(new SourceBlock(SourceBlockKind.Heading1, line[2..], [])); }
            else if (line.StartsWith("- ", StringComparison.Ordinal)) { Flush(); blocks.Add(new SourceBlock(SourceBlockKind.Bullet, line[2..], [])); }
            else paragraph.Add(line);
        }
        Flush();
        return blocks;
    }
}
