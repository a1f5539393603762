namespace RagSystem.Ocr;

/// <summary>PP-OCR's line orientation classifier: each line is labelled 0° or 180°, and when most lines of the image
/// are confidently labelled 180° the page is upside down and every line is turned half a turn before recognition.</summary>
/// <remarks>Two measured departures from PaddleOCR, which squeezes each whole line into 192 x 48 and flips lines one by
/// one: on rendered English pages the mobile classifier flipped whole, upright lines that way (each misread as
/// upside-down gibberish). The classifier now sees an unsqueezed window from the middle of the line, and the decision
/// is taken for the page by majority, as a scanned page is upside down as a whole.</remarks>
internal sealed class OrientationClassifier
{
    private const float FlipThreshold = 0.9f;
    private const int BatchSize = 8;
    private readonly OnnxOcrModel _model;
    private readonly int _height;
    private readonly int _width;

    /// <summary>Wraps the classifier; its input height and width come from the model (48 x 192 for PP-OCR).</summary>
    public OrientationClassifier(OnnxOcrModel model)
    {
        _model = model;
        _height = model.InputDimensions[2] > 0 ? model.InputDimensions[2] : 48;
        _width = model.InputDimensions[3] > 0 ? model.InputDimensions[3] : 192;
        if (model.OutputDimensions.Length != 2 || model.OutputDimensions[1] is not (2 or -1))
            throw new Onnx.OnnxModelLoadException($"'{model.Path}' is not a 0°/180° line classifier: its output is not [batch, 2]");
    }

    /// <summary>Turns the boxes in <paramref name="boxes"/> half a turn in place when most of them read upside down;
    /// returns how many were turned (0 or all).</summary>
    public int Orient(OcrImage image, OcrQuad[] boxes, CancellationToken cancellationToken)
    {
        var votes = 0;
        var sample = _height * _width * 3;
        for (var start = 0; start < boxes.Length; start += BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(BatchSize, boxes.Length - start);
            var input = _model.Input(count * sample);
            for (var i = 0; i < count; i++)
            {
                var box = MiddleWindow(boxes[start + i], (float)_width / _height);
                var width = Math.Clamp((int)MathF.Ceiling(_height * box.Width / MathF.Max(1, box.Height)), 1, _width);
                OcrTensorWriter.WriteQuad(image, box, width, _height, _width, input.Slice(i * sample, sample), OcrTensorWriter.LineNormalization);
            }
            using var outputs = _model.Run([count, 3, _height, _width], cancellationToken);
            var scores = outputs[0].GetTensorDataAsSpan<float>();
            for (var i = 0; i < count; i++)
            {
                if (scores[2 * i + 1] > scores[2 * i] && scores[2 * i + 1] >= FlipThreshold) votes++;
            }
        }
        if (2 * votes <= boxes.Length) return 0;
        for (var i = 0; i < boxes.Length; i++) boxes[i] = boxes[i].RotatedHalf();
        return boxes.Length;
    }

    // The part of a long line around its middle whose width is at most aspect x height, so no squeezing is needed.
    private static OcrQuad MiddleWindow(OcrQuad box, float aspect)
    {
        var width = box.Width;
        var keep = aspect * box.Height;
        if (width <= keep) return box;
        var from = (width - keep) / 2 / width;
        var to = 1 - from;
        static OcrPoint Lerp(OcrPoint a, OcrPoint b, float t) => new(a.X + (b.X - a.X) * t, a.Y + (b.Y - a.Y) * t);
        return new OcrQuad(Lerp(box.TopLeft, box.TopRight, from), Lerp(box.TopLeft, box.TopRight, to),
            Lerp(box.BottomLeft, box.BottomRight, to), Lerp(box.BottomLeft, box.BottomRight, from));
    }
}
