namespace RagSystem.Ocr;

/// <summary>PP-OCR's DBNet text detector: the image scaled so its longer side is at most
/// <see cref="OcrOptions.DetectionMaxSide"/> and both sides are multiples of 32, normalised with ImageNet statistics,
/// one probability map out, boxes extracted by <see cref="DbBoxExtractor"/>.</summary>
internal sealed class DbTextDetector(OnnxOcrModel model, OcrOptions options)
{
    /// <summary>Text boxes in <paramref name="image"/>, in image coordinates, in no particular order.</summary>
    public List<OcrQuad> Detect(OcrImage image, CancellationToken cancellationToken)
    {
        var scale = Math.Min(1.0, (double)options.DetectionMaxSide / Math.Max(image.Width, image.Height));
        var width = RoundTo32(image.Width * scale);
        var height = RoundTo32(image.Height * scale);
        OcrTensorWriter.WriteResized(image, width, height, model.Input(3 * width * height), OcrTensorWriter.DetectionNormalization);
        using var outputs = model.Run([1, 3, height, width], cancellationToken);
        var map = outputs[0].GetTensorDataAsSpan<float>();
        if (map.Length != width * height)
            throw new InvalidOperationException($"the detection model returned {map.Length} values for a {width}x{height} input; a one-channel probability map was expected");
        return DbBoxExtractor.Extract(map, width, height, image.Width, image.Height, options);
    }

    private static int RoundTo32(double size) => Math.Max(32, (int)Math.Round(size / 32) * 32);
}
