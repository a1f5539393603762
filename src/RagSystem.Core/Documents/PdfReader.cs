using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RagSystem.Diagnostics;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Exceptions;

namespace RagSystem.Documents;

/// <summary>Reads PDF files with PdfPig: one section per page with its 1-based page number, text in reading
/// order (multi-column layouts included), paragraphs and table rows separated by blank lines, running headers,
/// footers and page numbers left out (<see cref="PdfFurnitureFilter"/>). Each page keeps its printed label: the PDF's
/// declared page labels (<see cref="PdfPageLabels"/>), else the page number printed in its margin. Pages read by OCR carry
/// the recogniser's mean confidence. The title is the metadata title, else the largest text on the first page.</summary>
public sealed class PdfReader : IDocumentReader
{
    private readonly PdfReaderOptions _options;
    private readonly ILogger _logger;
    private readonly PdfPageOcr? _ocr;

    /// <summary>Creates the reader; with <paramref name="ocr"/>, pages without a text layer are read by OCR.</summary>
    public PdfReader(PdfReaderOptions? options = null, ILogger<PdfReader>? logger = null, PdfPageOcr? ocr = null)
    {
        _options = options ?? new PdfReaderOptions();
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _ocr = ocr;
    }

    /// <inheritdoc />
    public string Format => "pdf";

    /// <inheritdoc />
    public bool CanRead(string path) => string.Equals(Path.GetExtension(path), ".pdf", StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public async Task<Document> ReadAsync(Stream stream, string path, CancellationToken cancellationToken = default)
    {
        var bytes = await TextDecoding.ReadAllBytesAsync(stream, cancellationToken);
        // PdfPig is synchronous and CPU-bound: run it off the caller's thread so cancellation is observed per page.
        return await Task.Run(() => Read(bytes, path, cancellationToken), cancellationToken);
    }

    private Document Read(byte[] bytes, string path, CancellationToken cancellationToken)
    {
        using var activity = RagTelemetry.Source.StartActivity("ReadPdf");
        activity?.SetTag("rag.document.path", path);
        var name = Path.GetFileName(path);
        if (bytes.Length == 0) throw new DocumentReadException(DocumentFailureKind.Empty, $"`{name}` is empty (0 bytes)");
        if (!ContentSniffer.LooksLikePdf(bytes))
            throw new DocumentReadException(DocumentFailureKind.Corrupt, $"`{name}` is not a PDF: the file does not start with %PDF");

        using var pdf = Open(bytes, name);
        var sections = new SectionListBuilder();
        var layouts = new List<PdfPageLayout>(pdf.NumberOfPages);
        var ocrConfidence = new Dictionary<int, double>();
        int pagesWithoutText = 0, pagesWithImages = 0, failedPages = 0, pagesOcred = 0;
        var undecodable = new SortedSet<string>(StringComparer.Ordinal);
        Exception? firstPageError = null;
        for (var number = 1; number <= pdf.NumberOfPages; number++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var page = pdf.GetPage(number);
                var layout = PdfPageTextExtractor.Extract(page, number);
                if (_ocr is not null && _ocr.NeedsOcr(PdfFurnitureFilter.Render(layout, [])) && HasImages(page))
                {
                    var ocr = _ocr.Read(page, cancellationToken);
                    undecodable.UnionWith(ocr.Undecodable);
                    if (ocr.Text.Length > 0)
                    {
                        (layout, pagesOcred) = (OcrLayout(layout, ocr.Text), pagesOcred + 1);
                        ocrConfidence[number] = ocr.Confidence;
                    }
                }
                if (layout.IsEmpty && HasImages(page)) pagesWithImages++;
                layouts.Add(layout);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One damaged page should not cost the rest of the document; it is logged and counted.
                failedPages++;
                firstPageError ??= ex;
                _logger.LogWarning(ex, "Skipping unreadable page {Page} of {Path}", number, path);
                continue;
            }
        }
        // Running headers and footers are found across pages, so pages are rendered once all are read.
        var furniture = PdfFurnitureFilter.Find(layouts);
        var labels = PdfPageLabels.Read(pdf);
        foreach (var layout in layouts)
        {
            // The document's declared labels win; else the page number printed in the margin, which the filter drops from the text.
            var label = labels?[layout.Number - 1] ?? PdfFurnitureFilter.PrintedPageNumber(layout, furniture);
            var confidence = ocrConfidence.TryGetValue(layout.Number, out var c) ? c : (double?)null;
            if (!sections.Add(PdfFurnitureFilter.Render(layout, furniture), layout.Number, [], label, confidence)) pagesWithoutText++;
        }

        activity?.SetTag("rag.document.pages", pdf.NumberOfPages);
        activity?.SetTag("rag.document.ocr_pages", pagesOcred);
        if (sections.Sections.Count > 0) return new Document(path, sections.Sections, PdfTitleFinder.Find(pdf.Information.Title, layouts, furniture));
        if (failedPages > 0)
            throw new DocumentReadException(DocumentFailureKind.Corrupt,
                $"`{name}` is damaged: no page gave text and {failedPages} of {pdf.NumberOfPages} could not be read ({firstPageError!.Message})",
                firstPageError);
        if (pagesWithImages > 0) throw ScannedWithoutText(name, pagesWithoutText, undecodable);
        // Lenient parsing recovers something from almost any file; when that something is empty, a strict parse
        // tells a genuinely blank PDF from one whose structure is broken.
        if (StrictParseError(bytes) is { } structural)
            throw new DocumentReadException(DocumentFailureKind.Corrupt,
                $"`{name}` is a damaged PDF ({structural.Message}); no text could be recovered from it", structural);
        if (pdf.NumberOfPages == 0 || pagesWithoutText == pdf.NumberOfPages)
            throw new DocumentReadException(DocumentFailureKind.Empty, $"`{name}` has {pdf.NumberOfPages} page(s) and none holds text or images");
        throw new DocumentReadException(DocumentFailureKind.NoText, $"`{name}` has no extractable text on {pagesWithoutText} page(s)");
    }

    // OCR text has no glyph positions: each paragraph becomes a block of one line, top to bottom, so that a scanned running
    // header repeated on every page is still recognised as furniture by its text and order.
    private static PdfPageLayout OcrLayout(PdfPageLayout page, string text) => page with
    {
        Blocks = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select((paragraph, i) => new PdfTextBlock([new PdfLine(paragraph.ReplaceLineEndings(" "), page.Height - i - 1, page.Height - i, 0)], IsTable: false))
            .ToList(),
    };

    private DocumentReadException ScannedWithoutText(string name, int pages, IReadOnlyCollection<string> undecodable)
    {
        var prefix = $"`{name}` has no extractable text on {pages} page(s)";
        if (_ocr is null)
            return new(DocumentFailureKind.NoText, $"{prefix}; it looks scanned and OCR is off: install the OCR models (PP-OCRv4) in <models>/ocr or set Ocr:ModelDirectory");
        if (undecodable.Count > 0)
            return new(DocumentFailureKind.NoText, $"{prefix}; its scanned images use {string.Join(", ", undecodable)}, which cannot be decoded for OCR");
        return new(DocumentFailureKind.Empty, $"{prefix}; OCR found no text on its scanned images (blank pages)");
    }

    private PdfDocument Open(byte[] bytes, string name)
    {
        var options = new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true };
        // PdfPig tries the empty user password itself; a configured password is tried as well.
        if (!string.IsNullOrEmpty(_options.Password)) options.Passwords = [_options.Password, string.Empty];
        try
        {
            return PdfDocument.Open(bytes, options);
        }
        catch (PdfDocumentEncryptedException ex)
        {
            var hint = string.IsNullOrEmpty(_options.Password)
                ? "pass --pdf-password or remove it"
                : "the given password does not open it; check --pdf-password";
            throw new DocumentReadException(DocumentFailureKind.Encrypted, $"`{name}` is password-protected; {hint}", ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            throw new DocumentReadException(DocumentFailureKind.Corrupt, $"`{name}` is a damaged PDF: {ex.Message}", ex);
        }
    }

    private Exception? StrictParseError(byte[] bytes)
    {
        var options = new ParsingOptions { UseLenientParsing = false, SkipMissingFonts = true };
        if (!string.IsNullOrEmpty(_options.Password)) options.Passwords = [_options.Password, string.Empty];
        try
        {
            using var strict = PdfDocument.Open(bytes, options);
            for (var number = 1; number <= strict.NumberOfPages; number++) _ = strict.GetPage(number).Letters.Count;
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            return ex;
        }
    }

    private static bool HasImages(Page page)
    {
        try
        {
            return page.GetImages().Any();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // An image we cannot decode is still an image: the page is not blank.
            return true;
        }
    }
}
