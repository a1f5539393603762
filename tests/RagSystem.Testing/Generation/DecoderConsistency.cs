using Microsoft.ML.OnnxRuntime.Tensors;
using RagSystem.Generation;

namespace RagSystem.Testing.Generation;

/// <summary>Compares incremental (KV-cache) decoding with full-sequence passes on a <see cref="DecoderModel"/>.</summary>
public static class DecoderConsistency
{
    /// <summary>The outcome of <see cref="CompareIncrementalWithFullPass"/>.</summary>
    /// <param name="MaxAbsDiff">Largest |incremental − full| over all compared logits.</param>
    /// <param name="MaxDiffInFp16Steps">Largest difference divided by the fp16 spacing at the row's largest |logit|
    /// (the resolution fp16 logits of that magnitude have; a near-zero logit inherits the rounding of the sums it came from).</param>
    /// <param name="MaxAbsLogit">Largest |logit| seen, for context.</param>
    /// <param name="ComparedRows">Positions compared.</param>
    /// <param name="ArgMaxAgree">Whether every compared row has the same arg-max.</param>
    public sealed record Result(double MaxAbsDiff, double MaxDiffInFp16Steps, double MaxAbsLogit, int ComparedRows, bool ArgMaxAgree);

    /// <summary>Runs <paramref name="tokens"/> in one pass, and again as a prefill of <paramref name="prefill"/> tokens
    /// followed by one token per step, and compares the logits of every position after the prefill's last.</summary>
    public static Result CompareIncrementalWithFullPass(DecoderModel model, IReadOnlyList<int> tokens, int prefill)
    {
        var vocab = model.VocabSize;
        float[] full;
        using (var session = model.CreateSession(tokens.Count))
            full = session.AppendReturningAllLogits(tokens.ToArray());

        double maxDiff = 0, maxSteps = 0, maxLogit = 0;
        var agree = true;
        var rows = 0;
        using var incremental = model.CreateSession(tokens.Count);
        var logits = incremental.Append(tokens.Take(prefill).ToArray()).ToArray();
        for (var position = prefill - 1; position < tokens.Count; position++)
        {
            var reference = full.AsSpan(position * vocab, vocab);
            double rowDiff = 0, rowMagnitude = 0;
            for (var i = 0; i < vocab; i++)
            {
                rowDiff = Math.Max(rowDiff, Math.Abs(logits[i] - reference[i]));
                rowMagnitude = Math.Max(rowMagnitude, Math.Max(Math.Abs(logits[i]), Math.Abs(reference[i])));
            }
            maxDiff = Math.Max(maxDiff, rowDiff);
            maxLogit = Math.Max(maxLogit, rowMagnitude);
            maxSteps = Math.Max(maxSteps, rowDiff / Fp16Spacing(rowMagnitude));
            agree &= ArgMax(logits) == ArgMax(reference);
            rows++;
            if (position + 1 < tokens.Count) logits = incremental.Append([tokens[position + 1]]).ToArray();
        }
        return new Result(maxDiff, maxSteps, maxLogit, rows, agree);
    }

    /// <summary>Greedy continuation computed without a KV cache: a fresh full pass over the whole sequence per token.</summary>
    public static List<int> GreedyWithoutCache(DecoderModel model, IReadOnlyList<int> prompt, int newTokens)
    {
        var sequence = prompt.ToList();
        for (var n = 0; n < newTokens; n++)
        {
            using var session = model.CreateSession(sequence.Count);
            sequence.Add(ArgMax(session.Append(sequence.ToArray())));
        }
        return sequence.Skip(prompt.Count).ToList();
    }

    /// <summary>Greedy continuation with the KV cache.</summary>
    public static List<int> GreedyWithCache(DecoderModel model, IReadOnlyList<int> prompt, int newTokens)
    {
        using var session = model.CreateSession(prompt.Count + newTokens);
        var result = new List<int> { ArgMax(session.Append(prompt.ToArray())) };
        while (result.Count < newTokens) result.Add(ArgMax(session.Append([result[^1]])));
        return result;
    }

    /// <summary>Whether the model's logits are float16.</summary>
    public static bool IsFp16(DecoderModel model) => model.LogitsType == TensorElementType.Float16;

    /// <summary>The gap between adjacent float16 values at <paramref name="magnitude"/>.</summary>
    public static double Fp16Spacing(double magnitude)
    {
        var h = (Half)Math.Abs(magnitude);
        var next = BitConverter.UInt16BitsToHalf((ushort)(BitConverter.HalfToUInt16Bits(h) + 1));
        return (double)next - (double)h;
    }

    private static int ArgMax(ReadOnlySpan<float> values) => System.Numerics.Tensors.TensorPrimitives.IndexOfMax(values);
}
