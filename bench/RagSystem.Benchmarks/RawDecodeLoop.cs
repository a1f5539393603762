using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using RagSystem.Generation;

namespace RagSystem.Benchmarks;

/// <summary>The baseline for <see cref="DecoderBenchmark"/>: greedy decoding written directly against
/// <c>InferenceSession.Run</c> with the same inputs our loop feeds (pinned id/mask/position buffers, presents fed back
/// as pasts), but no sampler, detokenizer, stop strings or chat client around it.</summary>
internal static class RawDecodeLoop
{
    /// <summary>Prefills <paramref name="prompt"/>, then runs <paramref name="steps"/> greedy steps; returns the
    /// decode-step timings in milliseconds and the generated ids.</summary>
    public static (double[] StepMs, List<int> Tokens) Run(DecoderModel model, IReadOnlyList<int> prompt, int steps)
    {
        var session = model.Session;
        var max = prompt.Count + steps + 1;
        var ids = new long[max];
        var mask = new long[max];
        var positions = new long[max];
        for (var i = 0; i < max; i++) { mask[i] = 1; positions[i] = i; }
        for (var i = 0; i < prompt.Count; i++) ids[i] = prompt[i];

        var inputNames = new List<string> { "input_ids", "attention_mask" };
        if (model.HasPositionIds) inputNames.Add("position_ids");
        var pastOffset = inputNames.Count;
        var outputNames = new List<string> { "logits" };
        var past = new OrtValue[model.NumLayers * 2];
        for (var l = 0; l < model.NumLayers; l++)
        {
            inputNames.Add($"past_key_values.{l}.key");
            inputNames.Add($"past_key_values.{l}.value");
            outputNames.Add($"present.{l}.key");
            outputNames.Add($"present.{l}.value");
            past[2 * l] = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, model.KvType, [1, model.KvHeads, 0, model.HeadDim]);
            past[2 * l + 1] = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, model.KvType, [1, model.KvHeads, 0, model.HeadDim]);
        }
        var values = new OrtValue[inputNames.Count];
        var logitsRow = new float[model.VocabSize];
        using var runOptions = new RunOptions();
        var info = OrtMemoryInfo.DefaultInstance;
        var stepMs = new double[steps];
        var tokens = new List<int>();
        using var idsPin = new Pin(ids);
        using var maskPin = new Pin(mask);
        using var posPin = new Pin(positions);

        var length = 0;
        var count = prompt.Count;
        for (var step = -1; step < steps; step++)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            values[0] = OrtValue.CreateTensorValueFromMemory(info, ids.AsMemory(length, count), [1, count]);
            values[1] = OrtValue.CreateTensorValueFromMemory(info, mask.AsMemory(0, length + count), [1, length + count]);
            if (model.HasPositionIds) values[2] = OrtValue.CreateTensorValueFromMemory(info, positions.AsMemory(length, count), [1, count]);
            Array.Copy(past, 0, values, pastOffset, past.Length);
            var outputs = session.Run(runOptions, inputNames, values, outputNames);
            for (var i = 0; i < pastOffset; i++) values[i].Dispose();
            for (var i = 0; i < past.Length; i++) { past[i].Dispose(); past[i] = outputs[i + 1]; }
            var next = ArgMaxOfLastRow(outputs[0], model, logitsRow);
            outputs[0].Dispose();
            length += count;
            ids[length] = next;
            count = 1;
            tokens.Add(next);
            if (step >= 0) stepMs[step] = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        foreach (var p in past) p.Dispose();
        return (stepMs, tokens);
    }

    private static int ArgMaxOfLastRow(OrtValue logits, DecoderModel model, float[] buffer)
    {
        var v = model.VocabSize;
        if (model.LogitsType == TensorElementType.Float)
        {
            var all = logits.GetTensorDataAsSpan<float>();
            return TensorPrimitives.IndexOfMax(all[^v..]);
        }
        var half = MemoryMarshal.Cast<Float16, Half>(logits.GetTensorDataAsSpan<Float16>()[^v..]);
        TensorPrimitives.ConvertToSingle(half, buffer);
        return TensorPrimitives.IndexOfMax(buffer);
    }

    private sealed class Pin(long[] array) : IDisposable
    {
        private GCHandle _handle = GCHandle.Alloc(array, GCHandleType.Pinned);

        public void Dispose() => _handle.Free();
    }
}
