using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using RagSystem.Diagnostics;

namespace RagSystem.Documents;

/// <summary>Reads HTML pages with AngleSharp: the main content only (navigation, headers, footers, sidebars,
/// scripts and forms removed), split into sections by h1–h6 heading path; the title from <c>&lt;title&gt;</c>, else the first <c>&lt;h1&gt;</c>.
/// The charset comes from a BOM, valid UTF-8, or the page's <c>meta</c> declaration, in that order.</summary>
public sealed partial class HtmlReader : IDocumentReader
{
    private static readonly string[] Extensions = [".html", ".htm", ".xhtml", ".shtml"];

    /// <inheritdoc />
    public string Format => "html";

    /// <inheritdoc />
    public bool CanRead(string path) => Extensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc />
    public async Task<Document> ReadAsync(Stream stream, string path, CancellationToken cancellationToken = default)
    {
        using var activity = RagTelemetry.Source.StartActivity("ReadHtml");
        activity?.SetTag("rag.document.path", path);
        var bytes = await TextDecoding.ReadAllBytesAsync(stream, cancellationToken);
        var name = Path.GetFileName(path);
        if (bytes.Length == 0) throw new DocumentReadException(DocumentFailureKind.Empty, $"`{name}` is empty (0 bytes)");
        var html = TextDecoding.Decode(bytes, DeclaredCharset(bytes));
        return await Task.Run(() => Parse(html, path, cancellationToken), cancellationToken);
    }

    /// <summary>Parses decoded HTML into a document.</summary>
    public static Document Parse(string html, string path, CancellationToken cancellationToken = default)
    {
        HtmlNestingCheck.Verify(html, Path.GetFileName(path), cancellationToken);
        var document = new HtmlParser().ParseDocument(html);
        cancellationToken.ThrowIfCancellationRequested();
        var title = document.Title?.Trim();
        if (string.IsNullOrEmpty(title)) title = document.QuerySelector("h1")?.TextContent.ReplaceLineEndings(" ").Trim();
        var writer = new HtmlSectionWriter();
        foreach (var element in HtmlMainContent.Locate(document))
        {
            cancellationToken.ThrowIfCancellationRequested();
            writer.Write(element);
        }
        writer.Finish();
        if (writer.Sections.Count == 0)
            throw new DocumentReadException(DocumentFailureKind.Empty, $"`{Path.GetFileName(path)}` is a web page without text content");
        return new Document(path, writer.Sections, string.IsNullOrEmpty(title) ? null : title);
    }

    private static string? DeclaredCharset(byte[] bytes)
    {
        // The declaration must sit in the first 1024 bytes (HTML spec's prescan); ASCII-compatible decoding suffices to find it.
        var head = Encoding.Latin1.GetString(bytes, 0, Math.Min(bytes.Length, 4096));
        var match = MetaCharset().Match(head);
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex("""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-:.]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex MetaCharset();
}
