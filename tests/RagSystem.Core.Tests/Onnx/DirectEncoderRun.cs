using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace RagSystem.Core.Tests.Onnx;

/// <summary>Runs an encoder session on one unpadded token sequence, without any of our plumbing: the reference
/// the generator and reranker are compared against.</summary>
internal static class DirectEncoderRun
{
    public static float[] Run(string modelPath, int[] ids, string output, int secondSegmentStart = -1)
    {
        using var session = new InferenceSession(modelPath);
        long[] shape = [1, ids.Length];
        using var idValue = OrtValue.CreateTensorValueFromMemory(ids.Select(i => (long)i).ToArray(), shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(Enumerable.Repeat(1L, ids.Length).ToArray(), shape);
        using var typeValue = OrtValue.CreateTensorValueFromMemory(
            Enumerable.Range(0, ids.Length).Select(t => secondSegmentStart >= 0 && t >= secondSegmentStart ? 1L : 0L).ToArray(), shape);
        var names = session.InputMetadata.Keys.ToArray();
        var values = names.Select(n => n switch { "input_ids" => idValue, "attention_mask" => maskValue, _ => typeValue }).ToArray();
        using var results = session.Run(new RunOptions(), names, values, [output]);
        return results[0].GetTensorTypeAndShape().ElementDataType == TensorElementType.Float16
            ? results[0].GetTensorDataAsSpan<Float16>().ToArray().Select(h => (float)h).ToArray()
            : results[0].GetTensorDataAsSpan<float>().ToArray();
    }

    /// <summary>Mean over all rows of a [seq, dim] block, or its first row for CLS; then unit length.</summary>
    public static float[] Pool(float[] hidden, int dim, bool cls)
    {
        var seq = hidden.Length / dim;
        var vector = new float[dim];
        for (var t = 0; t < (cls ? 1 : seq); t++)
        {
            for (var d = 0; d < dim; d++) vector[d] += hidden[t * dim + d];
        }
        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        return vector.Select(v => v / norm).ToArray();
    }
}
