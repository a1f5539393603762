using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using RagSystem.Diagnostics;

namespace RagSystem.Documents;

/// <summary>Reads Word documents (.docx) with the Open XML SDK: sections by heading path (Title, Heading 1–9 and
/// outline levels), paragraphs, tables as one line per row with cells joined by <c>" | "</c>, text boxes,
/// tracked insertions (deletions dropped), and footnotes and endnotes as sections of their own. A section's text
/// starts with its own heading. The title is the core properties' title, else the first heading.</summary>
public sealed class DocxReader : IDocumentReader
{
    private static readonly string[] Extensions = [".docx", ".docm", ".dotx", ".dotm"];

    private readonly ZipLimits _limits;

    /// <summary>Creates the reader.</summary>
    /// <param name="limits">How far a document may expand when decompressed (default <see cref="ZipLimits"/>'s defaults).</param>
    public DocxReader(ZipLimits? limits = null) => _limits = limits ?? new ZipLimits();

    /// <inheritdoc />
    public string Format => "docx";

    /// <inheritdoc />
    public bool CanRead(string path) => Extensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc />
    public async Task<Document> ReadAsync(Stream stream, string path, CancellationToken cancellationToken = default)
    {
        var bytes = await TextDecoding.ReadAllBytesAsync(stream, cancellationToken);
        return await Task.Run(() => Read(bytes, path, _limits, cancellationToken), cancellationToken);
    }

    private static Document Read(byte[] bytes, string path, ZipLimits limits, CancellationToken cancellationToken)
    {
        using var activity = RagTelemetry.Source.StartActivity("ReadDocx");
        activity?.SetTag("rag.document.path", path);
        var name = Path.GetFileName(path);
        if (bytes.Length == 0) throw new DocumentReadException(DocumentFailureKind.Empty, $"`{name}` is empty (0 bytes)");
        if (ContentSniffer.IsOleCompound(bytes)) throw OleFailure(bytes, name);
        if (!bytes.AsSpan().StartsWith("PK"u8))
            throw new DocumentReadException(DocumentFailureKind.Corrupt, $"`{name}` is not a Word document: a .docx is a zip archive and this file is not");

        ZipExpansionCheck.Verify(bytes, name, limits, cancellationToken);
        WordprocessingDocument word;
        try
        {
            word = WordprocessingDocument.Open(new MemoryStream(bytes, writable: false), isEditable: false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            throw new DocumentReadException(DocumentFailureKind.Corrupt, $"`{name}` is a damaged Word document: {ex.Message}", ex);
        }

        using (word)
        {
            try
            {
                return Extract(word, path, cancellationToken);
            }
            catch (Exception ex) when (ex is not DocumentReadException and not OperationCanceledException and not OutOfMemoryException)
            {
                throw new DocumentReadException(DocumentFailureKind.Corrupt, $"`{name}` is a damaged Word document: {ex.Message}", ex);
            }
        }
    }

    private static Document Extract(WordprocessingDocument word, string path, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(path);
        var main = word.MainDocumentPart
            ?? throw new DocumentReadException(DocumentFailureKind.Corrupt, $"`{name}` has no main document part; it is not a Word document");
        var body = main.Document?.Body;
        var walker = new DocxBlockWalker(new DocxHeadingLevels(main));
        var sections = new SectionListBuilder();
        var headingPath = new List<(int Level, string Text)>();
        var paragraphs = new List<string>();
        string? firstHeading = null;

        void Flush()
        {
            sections.Add(string.Join("\n\n", paragraphs.Where(p => p.Length > 0)), null, [.. headingPath.Select(h => h.Text)]);
            paragraphs.Clear();
        }

        foreach (var block in body is null ? [] : walker.Walk(body))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (block.HeadingLevel is { } level && block.Text.Length > 0)
            {
                Flush();
                headingPath.RemoveAll(h => h.Level >= level);
                headingPath.Add((level, block.Text.ReplaceLineEndings(" ")));
                firstHeading ??= headingPath[^1].Text;
                paragraphs.Add(block.Text);
            }
            else
            {
                paragraphs.Add(block.Text);
            }
        }
        Flush();

        AddNotes(sections, "Footnotes", main.FootnotesPart?.Footnotes?.Elements<Footnote>().Where(n => IsNote(n.Type?.Value)), walker);
        AddNotes(sections, "Endnotes", main.EndnotesPart?.Endnotes?.Elements<Endnote>().Where(n => IsNote(n.Type?.Value)), walker);

        if (sections.Sections.Count == 0)
            throw new DocumentReadException(DocumentFailureKind.Empty, $"`{name}` is a Word document with an empty body");
        var title = word.PackageProperties.Title;
        if (string.IsNullOrWhiteSpace(title)) title = firstHeading;
        return new Document(path, sections.Sections, string.IsNullOrWhiteSpace(title) ? null : title.Trim());
    }

    // Separator and continuation notes are layout furniture, not the author's notes.
    private static bool IsNote(FootnoteEndnoteValues? type) => type is null || type == FootnoteEndnoteValues.Normal;

    private static void AddNotes(SectionListBuilder sections, string heading, IEnumerable<DocumentFormat.OpenXml.OpenXmlElement>? notes, DocxBlockWalker walker)
    {
        if (notes is null) return;
        var texts = notes.Select(n => string.Join(" ", walker.Walk(n).Select(b => b.Text).Where(t => t.Length > 0)));
        sections.Add(string.Join("\n\n", texts.Where(t => t.Length > 0)), null, [heading]);
    }

    private static DocumentReadException OleFailure(byte[] bytes, string name)
    {
        // Encrypted OOXML is stored as an OLE2 container with an "EncryptedPackage" stream (MS-OFFCRYPTO).
        var marker = Encoding.Unicode.GetBytes("EncryptedPackage");
        return bytes.AsSpan().IndexOf(marker) >= 0
            ? new DocumentReadException(DocumentFailureKind.Encrypted,
                $"`{name}` is a password-protected Office document; save an unprotected copy to index it")
            : new DocumentReadException(DocumentFailureKind.Unsupported,
                $"`{name}` is a legacy binary Office file (Office 97-2003 .doc, .xls or .ppt); save it as .docx to index it");
    }
}
