using System.Diagnostics;
using Microsoft.ML.OnnxRuntimeGenAI;
using RagSystem.Generation;

namespace RagSystem.GenAiBenchmark;

/// <summary>The two greedy loops being compared, written the way each library is meant to be used: ours through
/// <see cref="DecoderSession"/> (IO binding) and <see cref="Sampler"/> at temperature 0 (arg-max), exactly as
/// <see cref="OnnxChatClient"/> runs them; GenAI's through <c>Generator.GenerateNextToken</c> with <c>do_sample=false</c>.</summary>
internal static class DecodeLoops
{
    public static DecodeRun Ours(DecoderModel model, int[] prompt, int steps)
    {
        var sampler = new Sampler(0f);
        var tokens = new List<int>(steps);
        var start = Stopwatch.GetTimestamp();
        using var session = model.CreateSession(prompt.Length + steps);
        tokens.Add(sampler.Next(session.Append(prompt)));
        var firstToken = Stopwatch.GetTimestamp();
        var picks = new double[steps - 1];
        while (tokens.Count < steps)
        {
            var logits = session.Append([tokens[^1]]);
            var beforePick = Stopwatch.GetTimestamp();
            tokens.Add(sampler.Next(logits));
            picks[tokens.Count - 2] = Ms(Stopwatch.GetTimestamp() - beforePick);
        }
        var end = Stopwatch.GetTimestamp();
        // The median pick: a mean of 20-µs picks is dominated by the odd preemption on a loaded machine.
        return new DecodeRun(Ms(firstToken - start), Ms(end - firstToken) / (steps - 1), RoundStatistics.Of(picks).Median, tokens);
    }

    public static DecodeRun GenAi(Model model, int[] prompt, int steps)
    {
        var tokens = new List<int>(steps);
        var start = Stopwatch.GetTimestamp();
        using var parameters = new GeneratorParams(model);
        parameters.SetSearchOption("max_length", prompt.Length + steps);
        parameters.SetSearchOption("do_sample", false);
        using var generator = new Generator(model, parameters);
        generator.AppendTokens(prompt); // runs the prefill; the next call picks from its logits
        generator.GenerateNextToken();
        tokens.Add(generator.GetSequence(0)[^1]);
        var firstToken = Stopwatch.GetTimestamp();
        while (tokens.Count < steps)
        {
            generator.GenerateNextToken();
            tokens.Add(generator.GetSequence(0)[^1]);
        }
        var end = Stopwatch.GetTimestamp();
        return new DecodeRun(Ms(firstToken - start), Ms(end - firstToken) / (steps - 1), null, tokens);
    }

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
