using RagSystem.Testing;
using RagSystem.Testing.Ocr;

namespace RagSystem.Api.Tests;

/// <summary>The page's service with the real PP-OCRv4 models from <c>../shared</c>, so an uploaded scan is read by OCR, and an
/// empty index (its tests upload what they ask about). Needs the models and the DejaVu fonts to draw the scan with.</summary>
public sealed class WebPageProvenanceHost : WebPageHost
{
    private static readonly string[] OcrModels = ["models", "ocr", "pp-ocrv4"];

    /// <inheritdoc />
    protected override string? MissingInput =>
        SharedData.MissingReason(OcrModels) ?? (TextPageRenderer.InstalledFonts().Count == 0 ? "needs the DejaVu fonts (Debian fonts-dejavu-core) to draw a scan" : null);

    /// <inheritdoc />
    protected override ApiTestHost CreateHost(Dictionary<string, string?> settings) =>
        new(settings, models: folder => Directory.CreateSymbolicLink(Path.Combine(folder, "ocr"), SharedData.Find(OcrModels)!));

    /// <inheritdoc />
    protected override Task SeedAsync(HttpClient client, CancellationToken ct) => Task.CompletedTask;

    /// <summary>A scanned page (PNG, 200 dpi) of <paramref name="sentence"/>, drawn in DejaVu.</summary>
    public static byte[] Scan(string sentence) =>
        TextPageRenderer.Render(new TextPageSpec([sentence], TextPageRenderer.InstalledFonts()[0], 12, 200, HeightInches: 3)).Encoded;
}
