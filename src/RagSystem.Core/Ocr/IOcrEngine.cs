namespace RagSystem.Ocr;

/// <summary>Reads the text in an image: lines of text with their boxes and confidences, in reading order.</summary>
public interface IOcrEngine
{
    /// <summary>Detects, orients and recognises the text lines in <paramref name="image"/>.</summary>
    /// <param name="image">The decoded image (see <see cref="OcrImageDecoder"/>).</param>
    /// <param name="cancellationToken">Cancels between and inside model runs.</param>
    Task<OcrPageResult> RecognizeAsync(OcrImage image, CancellationToken cancellationToken = default);
}
