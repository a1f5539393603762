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
        var texts = new List<string>();
        try
        {
            foreach (var image in OcrImageDecoder.DecodePages(bytes, _options.MaxPagePixels))
            {
                var result = await _engine.RecognizeAsync(image, cancellationToken);
                texts.Add(result.Text);
            }
        }
        catch (InvalidDataException ex)
        {
            throw new DocumentReadException(DocumentFailureKind.Corrupt, $"`{name}` is not a readable image: {ex.Message}", ex);
        }
        activity?.SetTag("rag.document.pages", texts.Count);
        var sections = new SectionListBuilder();
        for (var i = 0; i < texts.Count; i++) sections.Add(texts[i], texts.Count > 1 ? i + 1 : null, []);
        if (sections.Sections.Count == 0)
            throw new DocumentReadException(DocumentFailureKind.NoText, $"`{name}` is an image in which OCR found no text");
        return new Document(path, sections.Sections);
    }
}
