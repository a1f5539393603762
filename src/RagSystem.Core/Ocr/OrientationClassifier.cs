namespace RagSystem.Ocr;

/// <summary>PP-OCR's line orientation classifier: each line crop (48 x up to 192) is labelled 0° or 180°;
/// a line confidently labelled 180° is turned half a turn before recognition.</summary>
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

    /// <summary>Turns upside-down boxes in <paramref name="boxes"/> in place; returns how many were turned.</summary>
    public int Orient(OcrImage image, OcrQuad[] boxes, CancellationToken cancellationToken)
    {
        var turned = 0;
        var sample = _height * _width * 3;
        for (var start = 0; start < boxes.Length; start += BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(BatchSize, boxes.Length - start);
            var input = _model.Input(count * sample);
            for (var i = 0; i < count; i++)
            {
                var box = boxes[start + i];
                var width = Math.Clamp((int)MathF.Ceiling(_height * box.Width / MathF.Max(1, box.Height)), 1, _width);
                OcrTensorWriter.WriteQuad(image, box, width, _height, _width, input.Slice(i * sample, sample), OcrTensorWriter.LineNormalization);
            }
            using var outputs = _model.Run([count, 3, _height, _width], cancellationToken);
            var scores = outputs[0].GetTensorDataAsSpan<float>();
            for (var i = 0; i < count; i++)
            {
                if (scores[2 * i + 1] <= scores[2 * i] || scores[2 * i + 1] < FlipThreshold) continue;
                boxes[start + i] = boxes[start + i].RotatedHalf();
                turned++;
            }
        }
        return turned;
    }
}
