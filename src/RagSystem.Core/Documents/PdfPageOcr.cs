using RagSystem.Ocr;
using UglyToad.PdfPig.Content;

namespace RagSystem.Documents;

/// <summary>OCR for PDF pages whose text layer is missing or holds almost nothing (fewer letters than
/// <see cref="OcrOptions.MinPdfPageLetters"/>): the page's images are decoded and read by an <see cref="IOcrEngine"/>.</summary>
public sealed class PdfPageOcr
{
    private readonly IOcrEngine _engine;
    private readonly OcrOptions _options;
    private readonly Jbig2Decoder _jbig2;

    /// <summary>Reads scanned pages with <paramref name="engine"/>; JBIG2 images are decoded by <paramref name="jbig2"/>
    /// (default <see cref="Jbig2Decoder.System"/>, the system's jbig2dec when installed).</summary>
    public PdfPageOcr(IOcrEngine engine, OcrOptions? options = null, Jbig2Decoder? jbig2 = null)
    {
        _engine = engine ?? throw new ArgumentNullException(nameof(engine));
        _options = options ?? new OcrOptions();
        _jbig2 = jbig2 ?? Jbig2Decoder.System;
    }

    /// <summary>Whether a page whose text layer gave <paramref name="text"/> should be OCR-ed (when it has images).</summary>
    public bool NeedsOcr(string text)
    {
        var letters = 0;
        foreach (var c in text)
        {
            if (char.IsLetter(c) && ++letters >= _options.MinPdfPageLetters) return false;
        }
        return true;
    }

    /// <summary>The OCR text of the page's images (blank-line separated, top to bottom), with the mean confidence and
    /// the filters of images that could not be decoded. Blocks the calling thread: PDF pages are read synchronously.</summary>
    internal (string Text, float Confidence, IReadOnlyList<string> Undecodable) Read(Page page, CancellationToken cancellationToken)
    {
        OcrPageNotice.PageStarting();
        var (images, undecodable) = PdfPageImages.Extract(page, _options.MaxPagePixels, _jbig2);
        var texts = new List<string>();
        double weighted = 0;
        long characters = 0;
        foreach (var image in images)
        {
            var result = _engine.RecognizeAsync(image, cancellationToken).GetAwaiter().GetResult();
            if (result.Text.Length == 0) continue;
            texts.Add(result.Text);
            weighted += (double)result.MeanConfidence * result.Text.Length;
            characters += result.Text.Length;
        }
        return (string.Join("\n\n", texts), characters == 0 ? 0f : (float)(weighted / characters), undecodable);
    }
}
