using System.Text;
using RagSystem.Diagnostics;

namespace RagSystem.Documents;

/// <summary>Reads plain text (.txt, .rst, .log, …). The encoding comes from a BOM, else UTF-8, else Latin-1.
/// Paragraphs (runs of lines between blank lines) are kept with their line layout and grouped into sections
/// of about <see cref="TargetSectionChars"/> characters.</summary>
public sealed class PlainTextReader : IDocumentReader
{
    /// <summary>Sections are closed once they reach this many characters. Paragraphs are never split.</summary>
    public const int TargetSectionChars = 4096;

    private static readonly string[] Extensions = [".txt", ".text", ".rst", ".log", ".csv", ".tsv", ".asc", ".org", ".adoc", ".nfo"];

    /// <inheritdoc />
    public string Format => "text";

    /// <inheritdoc />
    public bool CanRead(string path) => Extensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc />
    public async Task<Document> ReadAsync(Stream stream, string path, CancellationToken cancellationToken = default)
    {
        using var activity = RagTelemetry.Source.StartActivity("ReadText");
        activity?.SetTag("rag.document.path", path);
        var bytes = await TextDecoding.ReadAllBytesAsync(stream, cancellationToken);
        var name = Path.GetFileName(path);
        if (bytes.Length == 0) throw new DocumentReadException(DocumentFailureKind.Empty, $"`{name}` is empty (0 bytes)");
        var text = TextDecoding.Decode(bytes);

        var sections = new SectionListBuilder();
        var current = new StringBuilder();
        foreach (var paragraph in Paragraphs(text))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (current.Length > 0) current.Append("\n\n");
            current.Append(paragraph);
            if (current.Length >= TargetSectionChars)
            {
                sections.Add(current.ToString(), null, []);
                current.Clear();
            }
        }
        sections.Add(current.ToString(), null, []);
        if (sections.Sections.Count == 0) throw new DocumentReadException(DocumentFailureKind.Empty, $"`{name}` holds only whitespace");
        return new Document(path, sections.Sections);
    }

    /// <summary>Splits text into paragraphs at blank lines. Line breaks inside a paragraph and indentation are kept
    /// (RFCs and tables depend on them); trailing spaces and form feeds (page breaks) are removed.</summary>
    internal static IEnumerable<string> Paragraphs(string text)
    {
        var lines = new List<string>();
        text = text.ReplaceLineEndings("\n");
        // Line by line rather than one Split: a reader whose time is up stops at the next paragraph, not after the whole file.
        for (var start = 0; start <= text.Length;)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0) end = text.Length;
            var line = text[start..end].Replace('\f', ' ').Replace("\0", "", StringComparison.Ordinal).TrimEnd();
            start = end + 1;
            if (line.Length == 0)
            {
                if (lines.Count > 0) yield return string.Join('\n', lines);
                lines.Clear();
            }
            else
            {
                lines.Add(line);
            }
        }
        if (lines.Count > 0) yield return string.Join('\n', lines);
    }
}
