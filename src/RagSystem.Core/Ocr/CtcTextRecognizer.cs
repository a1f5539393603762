namespace RagSystem.Ocr;

/// <summary>PP-OCR's SVTR recognition model: line crops scaled to the model's height (48) keeping their aspect,
/// sorted by width and batched so padding is small, each batch as wide as its widest line (at least 320), decoded
/// with greedy CTC.</summary>
internal sealed class CtcTextRecognizer
{
    private const int MinBatchWidth = 320;
    private const int MaxLineWidth = 4096;
    private readonly OnnxOcrModel _model;
    private readonly CtcGreedyDecoder _decoder;
    private readonly int _height;
    private readonly int _batchSize;
    private bool? _outputsProbabilities;

    /// <summary>Wraps the model and checks its output classes match the character list.</summary>
    public CtcTextRecognizer(OnnxOcrModel model, CtcGreedyDecoder decoder, int batchSize)
    {
        _model = model;
        _decoder = decoder;
        _batchSize = Math.Max(1, batchSize);
        _height = model.InputDimensions[2] > 0 ? model.InputDimensions[2] : 48;
        var classes = model.OutputDimensions.Length == 3 ? model.OutputDimensions[2] : 0;
        if (classes > 0 && classes != decoder.ClassCount)
            throw new Onnx.OnnxModelLoadException(
                $"'{model.Path}' outputs {classes} classes but its character list gives {decoder.ClassCount} (blank + characters + space); use the list shipped with the model");
    }

    /// <summary>The text and confidence of each box, in the order of <paramref name="boxes"/>.</summary>
    public (string Text, float Confidence)[] Recognize(OcrImage image, OcrQuad[] boxes, CancellationToken cancellationToken)
    {
        var results = new (string, float)[boxes.Length];
        var ratios = boxes.Select(b => b.Width / MathF.Max(1, b.Height)).ToArray();
        var order = Enumerable.Range(0, boxes.Length).OrderBy(i => ratios[i]).ToArray();
        for (var start = 0; start < order.Length; start += _batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = order.AsSpan(start, Math.Min(_batchSize, order.Length - start));
            var widest = Math.Max(MinBatchWidth, (int)MathF.Ceiling(_height * ratios[batch[^1]]));
            var tensorWidth = Math.Min(MaxLineWidth, widest);
            var sample = 3 * _height * tensorWidth;
            var input = _model.Input(batch.Length * sample);
            for (var i = 0; i < batch.Length; i++)
            {
                var width = Math.Clamp((int)MathF.Ceiling(_height * ratios[batch[i]]), 1, tensorWidth);
                OcrTensorWriter.WriteQuad(image, boxes[batch[i]], width, _height, tensorWidth, input.Slice(i * sample, sample), OcrTensorWriter.LineNormalization);
            }
            using var outputs = _model.Run([batch.Length, 3, _height, tensorWidth], cancellationToken);
            var shape = outputs[0].GetTensorTypeAndShape().Shape;
            var steps = (int)shape[1];
            if (shape[2] != _decoder.ClassCount)
                throw new InvalidOperationException($"the recognition model returned {shape[2]} classes; the character list gives {_decoder.ClassCount}");
            var scores = outputs[0].GetTensorDataAsSpan<float>();
            var perLine = steps * _decoder.ClassCount;
            _outputsProbabilities ??= IsProbabilityRow(scores[.._decoder.ClassCount]);
            for (var i = 0; i < batch.Length; i++)
                results[batch[i]] = _decoder.Decode(scores.Slice(i * perLine, perLine), steps, _outputsProbabilities.Value);
        }
        return results;
    }

    // PaddleOCR's exported recognisers end in softmax; a model exported without it gives logits. One row tells.
    private static bool IsProbabilityRow(ReadOnlySpan<float> row)
    {
        var sum = System.Numerics.Tensors.TensorPrimitives.Sum(row);
        return MathF.Abs(sum - 1) < 0.01f && System.Numerics.Tensors.TensorPrimitives.Min(row) >= 0;
    }
}
