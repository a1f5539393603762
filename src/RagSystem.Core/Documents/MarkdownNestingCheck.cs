namespace RagSystem.Documents;

/// <summary>Refuses Markdown nested deeper than <see cref="MaxDepth"/> block containers (list items and block quotes) before
/// Markdig sees it: Markdig cannot be interrupted, and its time grows with nesting, so ten megabytes of list markers would
/// otherwise occupy a thread long after the file's time limit. Depth is counted per line: the container markers at its
/// start (<c>&gt;</c>, <c>-</c>, <c>*</c>, <c>+</c>, <c>1.</c>, <c>1)</c>) plus, on lines that carry a marker, one level per
/// two columns of indentation (the least a nested list item needs).</summary>
internal static class MarkdownNestingCheck
{
    /// <summary>The deepest nesting accepted. Real documents stay under ten; 64 leaves room for generated ones.</summary>
    public const int MaxDepth = 64;

    /// <summary>Throws <see cref="DocumentReadException"/> when a line of <paramref name="markdown"/> nests too deep.</summary>
    public static void Verify(string markdown, string name, CancellationToken cancellationToken)
    {
        var lineNumber = 0;
        var start = 0;
        while (start < markdown.Length)
        {
            var end = markdown.IndexOf('\n', start);
            if (end < 0) end = markdown.Length;
            lineNumber++;
            if ((lineNumber & 0xFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
            var depth = Depth(markdown.AsSpan(start, end - start));
            if (depth > MaxDepth)
            {
                throw new DocumentReadException(DocumentFailureKind.Corrupt,
                    $"`{name}` nests lists or quotes more than {MaxDepth} levels deep (line {lineNumber}); such nesting is not a document's structure, so the file was not parsed");
            }
            start = end + 1;
        }
    }

    private static int Depth(ReadOnlySpan<char> line)
    {
        int markers = 0, indent = 0, i = 0;
        while (i < line.Length)
        {
            var c = line[i];
            if (c == ' ') { indent++; i++; continue; }
            if (c == '\t') { indent += 4; i++; continue; }
            if (c == '>') { markers++; i++; continue; }
            if (c is '-' or '*' or '+' && (i + 1 == line.Length || line[i + 1] is ' ' or '\t'))
            {
                markers++;
                i++;
                continue;
            }
            var digits = 0;
            while (i + digits < line.Length && digits < 10 && char.IsAsciiDigit(line[i + digits])) digits++;
            if (digits is > 0 and < 10 && i + digits < line.Length && line[i + digits] is '.' or ')'
                && (i + digits + 1 == line.Length || line[i + digits + 1] is ' ' or '\t'))
            {
                markers++;
                i += digits + 1;
                continue;
            }
            break;
        }
        return markers == 0 ? 0 : markers + indent / 2;
    }
}
