using RagSystem.Diagnostics;
using RagSystem.Ocr;

namespace RagSystem.Documents;

/// <summary>Reads image files (PNG, JPEG, TIFF, WebP, BMP) as documents through OCR: one section per image, or per
/// page of a multi-page TIFF (with its page number). Registered only when an <see cref="IOcrEngine"/> is available.</summary>
public sealed class ImageReader : IDocumentReader
{
    private static readonly HashSet<string> Extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".png", ".jpg", ".jpeg", ".jfif", ".tif", ".tiff", ".webp", ".bmp",
    };

    private readonly IOcrEngine _engine;
    private readonly OcrOptions _options;

    /// <summary>Creates the reader over <paramref name="engine"/>.</summary>
    public ImageReader(IOcrEngine engine, OcrOptions? options = null)
    {
        _engine = engine ?? throw new ArgumentNullException(nameof(engine));
        _options = options ?? new OcrOptions();
    }

    /// <inheritdoc />
    public string Format => "image";

    /// <inheritdoc />
    public bool CanRead(string path) => Extensions.Contains(Path.GetExtension(path));

    /// <inheritdoc />
    public async Task<Document> ReadAsync(Stream stream, string path, CancellationToken cancellationToken = default)
    {
        using var activity = RagTelemetry.Source.StartActivity("ReadImage");
        activity?.SetTag("rag.document.path", path);
        var name = Path.GetFileName(path);
        var bytes = await TextDecoding.ReadAllBytesAsync(stream, cancellationToken);
        if (bytes.Length == 0) throw new DocumentReadException(DocumentFailureKind.Empty, $"`{name}` is empty (0 bytes)");
        var pages = new List<OcrPageResult>();
        try
        {
            foreach (var image in OcrImageDecoder.DecodePages(bytes, _options.MaxPagePixels))
            {
                OcrPageNotice.PageStarting();
                pages.Add(await _engine.RecognizeAsync(image, cancellationToken));
            }
        }
        catch (InvalidDataException ex)
        {
            throw new DocumentReadException(DocumentFailureKind.Corrupt, $"`{name}` is not a readable image: {ex.Message}", ex);
        }
        activity?.SetTag("rag.document.pages", pages.Count);
        var sections = new SectionListBuilder();
        for (var i = 0; i < pages.Count; i++)
            sections.Add(pages[i].Text, pages.Count > 1 ? i + 1 : null, [], ocrConfidence: pages[i].MeanConfidence);
        if (sections.Sections.Count == 0)
            throw new DocumentReadException(DocumentFailureKind.NoText, $"`{name}` is an image in which OCR found no text");
        return new Document(path, sections.Sections);
    }
}
