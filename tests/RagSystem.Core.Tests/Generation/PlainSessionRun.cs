using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using RagSystem.Generation;

namespace RagSystem.Core.Tests.Generation;

/// <summary>Decoding written directly against <see cref="InferenceSession.Run(RunOptions, IReadOnlyCollection{string}, IReadOnlyCollection{OrtValue}, IReadOnlyCollection{string})"/>
/// without IO binding: host-allocated empty pasts, every present returned by ONNX Runtime and fed back as the next past.</summary>
internal static class PlainSessionRun
{
    /// <summary>Runs each chunk after the previous ones and returns the last row's logits (as float32) of each.</summary>
    public static List<float[]> LastRowLogits(DecoderModel model, IReadOnlyList<int[]> chunks)
    {
        var past = new OrtValue[model.NumLayers * 2];
        for (var i = 0; i < past.Length; i++)
            past[i] = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, model.KvType, [1, model.KvHeads, 0, model.HeadDim]);
        var results = new List<float[]>();
        var length = 0;
        using var runOptions = new RunOptions();
        foreach (var chunk in chunks)
        {
            var total = length + chunk.Length;
            var names = new List<string> { "input_ids", "attention_mask" };
            var values = new List<OrtValue>
            {
                OrtValue.CreateTensorValueFromMemory(chunk.Select(t => (long)t).ToArray(), [1, chunk.Length]),
                OrtValue.CreateTensorValueFromMemory(Enumerable.Repeat(1L, total).ToArray(), [1, total]),
            };
            if (model.HasPositionIds)
            {
                names.Add("position_ids");
                values.Add(OrtValue.CreateTensorValueFromMemory(Enumerable.Range(length, chunk.Length).Select(p => (long)p).ToArray(), [1, chunk.Length]));
            }
            for (var l = 0; l < model.NumLayers; l++)
            {
                names.Add($"past_key_values.{l}.key");
                names.Add($"past_key_values.{l}.value");
            }
            values.AddRange(past);
            var outputNames = new List<string> { "logits" };
            for (var l = 0; l < model.NumLayers; l++) { outputNames.Add($"present.{l}.key"); outputNames.Add($"present.{l}.value"); }
            using var outputs = model.Session.Run(runOptions, names, values, outputNames);
            for (var i = 0; i < values.Count; i++) values[i].Dispose();

            var row = new float[model.VocabSize];
            var offset = (chunk.Length - 1) * model.VocabSize;
            if (model.LogitsType == TensorElementType.Float) outputs[0].GetTensorDataAsSpan<float>().Slice(offset, model.VocabSize).CopyTo(row);
            else TensorPrimitives.ConvertToSingle(MemoryMarshal.Cast<Float16, Half>(outputs[0].GetTensorDataAsSpan<Float16>().Slice(offset, model.VocabSize)), row);
            results.Add(row);
            for (var i = 0; i < past.Length; i++) past[i] = CopyOf(outputs[i + 1], model.KvType);
            length = total;
        }
        foreach (var value in past) value.Dispose();
        return results;
    }

    // The run's outputs die with the collection; keep a host copy as the next past.
    private static OrtValue CopyOf(OrtValue value, TensorElementType type)
    {
        var shape = value.GetTensorTypeAndShape().Shape;
        var copy = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, type, shape);
        value.GetTensorDataAsSpan<byte>().CopyTo(copy.GetTensorMutableDataAsSpan<byte>());
        return copy;
    }
}
