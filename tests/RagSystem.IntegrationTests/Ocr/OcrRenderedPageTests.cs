using RagSystem.Ocr;
using RagSystem.Testing.Ocr;

namespace RagSystem.IntegrationTests.Ocr;

/// <summary>PP-OCRv4 reads pages rendered from known text: the character error rate stays within the targets.</summary>
public sealed class OcrRenderedPageTests(OcrModels models, ITestOutputHelper output) : IClassFixture<OcrModels>
{
    [Theory]
    [InlineData(0, 11f, 300, 0f, null, 0.02)]
    [InlineData(1, 10f, 150, 0f, null, 0.05)]
    [InlineData(0, 12f, 300, 1.5f, 60, 0.05)]
    public async Task OcrReadsRenderedPageWithinErrorTarget(int font, float points, int dpi, float rotation, int? jpeg, double maxCer)
    {
        if (OcrModels.MissingReason is { } reason) Assert.Skip(reason);
        var fonts = TextPageRenderer.InstalledFonts();
        if (fonts.Count <= font) Assert.Skip("needs the DejaVu fonts (Debian fonts-dejavu-core) to render test pages");
        var page = TextPageRenderer.Render(new TextPageSpec(OcrSampleText.Paragraphs.Take(4).ToArray(), fonts[font], points, dpi,
            RotationDegrees: rotation, JpegQuality: jpeg, HeightInches: 6));
        Assert.False(page.Overflowed);

        var result = await models.Engine.RecognizeAsync(OcrImageDecoder.Decode(page.Encoded, 40_000_000), TestContext.Current.CancellationToken);

        var cer = OcrErrorRates.CharacterErrorRate(page.Text, result.Text);
        output.WriteLine($"CER {cer:P2}, WER {OcrErrorRates.WordErrorRate(page.Text, result.Text):P2}, {result.Lines.Count} lines, " +
            $"detection {result.Timings.Detection.TotalMilliseconds:F0} ms, recognition {result.Timings.Recognition.TotalMilliseconds:F0} ms");
        output.WriteLine(result.Text);
        Assert.InRange(cer, 0, maxCer);
        Assert.InRange(result.MeanConfidence, 0.8f, 1f);
    }
}
