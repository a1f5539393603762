using Markdig;
using Markdig.Syntax;
using RagSystem.Diagnostics;

namespace RagSystem.Documents;

/// <summary>Reads Markdown with Markdig: one section per heading, with the enclosing headings as its path
/// (outermost first), text stripped of markup and starting with the heading itself. YAML front matter is skipped.</summary>
public sealed class MarkdownReader : IDocumentReader
{
    private static readonly string[] Extensions = [".md", ".markdown", ".mdown", ".mkd", ".mdx"];

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseYamlFrontMatter()
        .UsePipeTables()
        .UseGridTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UseTaskLists()
        .UseFootnotes()
        .UseDefinitionLists()
        .Build();

    /// <inheritdoc />
    public string Format => "markdown";

    /// <inheritdoc />
    public bool CanRead(string path) => Extensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc />
    public async Task<Document> ReadAsync(Stream stream, string path, CancellationToken cancellationToken = default)
    {
        using var activity = RagTelemetry.Source.StartActivity("ReadMarkdown");
        activity?.SetTag("rag.document.path", path);
        var bytes = await TextDecoding.ReadAllBytesAsync(stream, cancellationToken);
        var name = Path.GetFileName(path);
        if (bytes.Length == 0) throw new DocumentReadException(DocumentFailureKind.Empty, $"`{name}` is empty (0 bytes)");
        return Parse(TextDecoding.Decode(bytes), path, cancellationToken);
    }

    /// <summary>Parses Markdown text into a document.</summary>
    public static Document Parse(string markdown, string path, CancellationToken cancellationToken = default)
    {
        MarkdownNestingCheck.Verify(markdown, Path.GetFileName(path), cancellationToken);
        var parsed = Markdig.Markdown.Parse(markdown, Pipeline);
        var sections = new SectionListBuilder();
        var headingPath = new List<(int Level, string Text)>();
        var paragraphs = new List<string>();
        string? title = null;

        void Flush()
        {
            sections.Add(string.Join("\n\n", paragraphs), null, [.. headingPath.Select(h => h.Text)]);
            paragraphs.Clear();
        }

        foreach (var block in parsed)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (block is HeadingBlock heading)
            {
                var text = MarkdownPlainText.Inlines(heading.Inline).Trim();
                if (text.Length == 0) continue;
                Flush();
                headingPath.RemoveAll(h => h.Level >= heading.Level);
                headingPath.Add((heading.Level, text));
                paragraphs.Add(text);
                if (heading.Level == 1) title ??= text;
                continue;
            }
            var rendered = MarkdownPlainText.Render(block);
            if (rendered.Length > 0) paragraphs.Add(rendered);
        }
        Flush();

        if (sections.Sections.Count == 0)
            throw new DocumentReadException(DocumentFailureKind.Empty, $"`{Path.GetFileName(path)}` holds no text outside headings and markup");
        return new Document(path, sections.Sections, title);
    }
}
