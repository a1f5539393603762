using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RagSystem.Diagnostics;

namespace RagSystem.Documents;

/// <summary>Chooses the reader for a file by its content first and its name second (a PDF renamed
/// <c>.txt</c> is still read as PDF), and turns every failure into a <see cref="DocumentReadException"/>.</summary>
public sealed class DocumentReaderRegistry
{
    private readonly IReadOnlyList<IDocumentReader> _readers;
    private readonly ILogger _logger;

    /// <summary>Creates a registry over <paramref name="readers"/>; the first whose <see cref="IDocumentReader.CanRead"/>
    /// accepts a name wins among those the content allows.</summary>
    public DocumentReaderRegistry(IEnumerable<IDocumentReader> readers, ILogger<DocumentReaderRegistry>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(readers);
        _readers = [.. readers];
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>A registry with the built-in readers: PDF, DOCX, HTML, Markdown and plain text; with an
    /// <paramref name="ocr"/> engine, scanned PDF pages are OCR-ed and image files are read too.</summary>
    public static DocumentReaderRegistry CreateDefault(PdfReaderOptions? pdfOptions = null, ILoggerFactory? loggerFactory = null,
        Ocr.IOcrEngine? ocr = null, Ocr.OcrOptions? ocrOptions = null)
    {
        loggerFactory ??= NullLoggerFactory.Instance;
        return new DocumentReaderRegistry(
            [
                new PdfReader(pdfOptions, loggerFactory.CreateLogger<PdfReader>(), ocr is null ? null : new PdfPageOcr(ocr, ocrOptions)),
                .. ocr is null ? Array.Empty<IDocumentReader>() : [new ImageReader(ocr, ocrOptions)],
                new DocxReader(),
                new HtmlReader(),
                new MarkdownReader(),
                new PlainTextReader(),
            ],
            loggerFactory.CreateLogger<DocumentReaderRegistry>());
    }

    /// <summary>The readers known to this registry.</summary>
    public IReadOnlyList<IDocumentReader> Readers => _readers;

    /// <summary>Whether some reader handles files with this name (used to pick files in a folder).</summary>
    public bool CanRead(string path) => _readers.Any(r => r.CanRead(path));

    /// <summary>The reader for a file given its name and first bytes (up to <see cref="ContentSniffer.HeadLength"/>),
    /// or null when no reader handles it.</summary>
    public IDocumentReader? Resolve(string path, ReadOnlySpan<byte> head)
    {
        var byName = _readers.FirstOrDefault(r => r.CanRead(path));
        return ContentSniffer.Sniff(head) switch
        {
            SniffedFormat.Pdf => ByFormat("pdf"),
            SniffedFormat.Docx or SniffedFormat.OleCompound => ByFormat("docx"),
            SniffedFormat.Html => ByFormat("html"),
            SniffedFormat.Zip => byName is { Format: "docx" } ? byName : null,
            // Text under a binary format's name goes to that reader, which reports it as not its format.
            SniffedFormat.Text => byName ?? ByFormat("text"),
            // Binary content is only worth a reader whose format is binary; that reader reports what is wrong.
            SniffedFormat.Binary => byName is { Format: "pdf" or "docx" or "image" } ? byName : null,
            _ => byName,
        };
    }

    /// <summary>Reads a file: opens it, sniffs its content, dispatches, and reports any failure as a
    /// <see cref="DocumentReadException"/> with a specific <see cref="DocumentFailureKind"/>.</summary>
    public async Task<Document> ReadAsync(string filePath, CancellationToken cancellationToken = default)
    {
        // Only a regular file is opened, and never read past the limit (a FIFO would block, a device never end).
        var bytes = await Ingestion.BoundedFileRead.ReadAsync(filePath, BoundedRead.DefaultMaxBytes, cancellationToken);
        return await ReadAsync(new MemoryStream(bytes, writable: false), filePath, cancellationToken);
    }

    /// <summary>Reads a document from a seekable stream, with <paramref name="path"/> naming it; see <see cref="ReadAsync(string, CancellationToken)"/>.</summary>
    public async Task<Document> ReadAsync(Stream stream, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var activity = RagTelemetry.Source.StartActivity("ReadDocument");
        activity?.SetTag("rag.document.path", path);
        var name = Path.GetFileName(path);
        if (!stream.CanSeek)
        {
            stream = new MemoryStream(await BoundedRead.ReadAsync(stream, BoundedRead.DefaultMaxBytes, 0, cancellationToken), writable: false);
        }

        var head = new byte[(int)Math.Min(ContentSniffer.HeadLength, stream.Length - stream.Position)];
        var start = stream.Position;
        await stream.ReadExactlyAsync(head, cancellationToken);
        stream.Position = start;
        if (head.Length == 0) throw new DocumentReadException(DocumentFailureKind.Empty, $"`{name}` is empty (0 bytes)");

        var reader = Resolve(path, head) ?? throw DescribeUnreadable(name, head);
        activity?.SetTag("rag.document.format", reader.Format);
        Document document;
        try
        {
            document = await reader.ReadAsync(stream, path, cancellationToken);
        }
        catch (Exception ex) when (ex is not DocumentReadException and not OperationCanceledException and not OutOfMemoryException)
        {
            _logger.LogWarning(ex, "The {Format} parser failed on {Path}", reader.Format, path);
            throw new DocumentReadException(DocumentFailureKind.Corrupt, $"`{name}` could not be parsed as {reader.Format}: {ex.Message}", ex);
        }
        return Validate(document, name);
    }

    private IDocumentReader? ByFormat(string format) => _readers.FirstOrDefault(r => r.Format == format);

    /// <summary>Why no reader takes a file that <see cref="Resolve"/> turned down: content that contradicts a known
    /// extension is "not a valid &lt;format&gt;" (random bytes named <c>.html</c> are not an unsupported type, they are
    /// not HTML); otherwise the type is unsupported.</summary>
    /// <param name="path">The file's name or path, as it should appear in the message.</param>
    /// <param name="head">The first bytes (up to <see cref="ContentSniffer.HeadLength"/>).</param>
    public DocumentReadException DescribeUnreadable(string path, ReadOnlySpan<byte> head)
    {
        var sniffed = ContentSniffer.Sniff(head);
        var content = sniffed switch
        {
            SniffedFormat.Zip => "a zip archive",
            SniffedFormat.Binary => "binary data",
            _ => "something else",
        };
        if (_readers.FirstOrDefault(r => r.CanRead(path)) is { } byName)
            return new(DocumentFailureKind.Corrupt, $"`{path}` is not a valid {DisplayName(byName.Format)} file: its content is {content}");
        return sniffed switch
        {
            SniffedFormat.Zip => new(DocumentFailureKind.Unsupported, $"`{path}` is a zip archive but not a Word document; only .docx archives are read"),
            SniffedFormat.Binary => new(DocumentFailureKind.Unsupported, $"`{path}` is a binary file of a type no reader handles (supported: pdf, md, html, docx, txt)"),
            _ => new(DocumentFailureKind.Unsupported, $"`{path}`: unsupported file type '{Path.GetExtension(path)}' (supported: pdf, md, html, docx, txt)"),
        };
    }

    private static string DisplayName(string format) => format switch
    {
        "pdf" => "PDF",
        "html" => "HTML",
        "docx" => "Word (.docx)",
        "markdown" => "Markdown",
        _ => format,
    };

    private static Document Validate(Document document, string name)
    {
        var kept = new SectionListBuilder();
        foreach (var section in document.Sections) kept.Add(section.Text, section.Page, section.HeadingPath, section.PageLabel, section.OcrConfidence);
        if (kept.Sections.Count == 0)
            throw new DocumentReadException(DocumentFailureKind.Empty, $"`{name}` holds no text");
        // Readers build offsets the same way; rebuilding guards against a reader that does not.
        return document with { Sections = kept.Sections };
    }
}
