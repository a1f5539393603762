using System.Diagnostics;
using Microsoft.ML.OnnxRuntimeGenAI;
using RagSystem.Generation;

namespace RagSystem.GenAiBenchmark;

/// <summary>One round: both loops generate the same greedy tokens from the same prompt, interleaved step by step
/// (prefill against prefill, then decode step k of ours against decode step k of GenAI), with the order inside each
/// pair alternating. On a shared machine whose load moves within seconds, a pair of steps measured a few hundred
/// milliseconds apart sees nearly the same load; whole generations run one after the other do not.</summary>
internal sealed record LockstepRound(
    double OursTtftMs, double GenAiTtftMs,
    IReadOnlyList<double> OursStepMs, IReadOnlyList<double> GenAiStepMs,
    IReadOnlyList<double> OursPickMs, bool SameTokens)
{
    /// <summary>Decode tokens/s ours ÷ GenAI over the round (GenAI's decode time ÷ ours).</summary>
    public double DecodeRatio => GenAiStepMs.Sum() / OursStepMs.Sum();

    /// <summary>Time to first token GenAI ÷ ours (above 1: ours is first sooner).</summary>
    public double TtftRatio => GenAiTtftMs / OursTtftMs;

    public static LockstepRound Run(DecoderModel oursModel, Model genAiModel, int[] prompt, int steps, int round)
    {
        var maxLength = prompt.Length + steps;
        using var ours = new OursGreedyStepper(oursModel, maxLength);
        using var genAi = new GenAiGreedyStepper(genAiModel, maxLength);
        var oursTokens = new List<int>(steps);
        var genAiTokens = new List<int>(steps);
        var oursSteps = new List<double>(steps - 1);
        var genAiSteps = new List<double>(steps - 1);
        double oursTtft = 0, genAiTtft = 0;
        for (var k = 0; k < steps; k++)
        {
            var oursFirst = (round + k) % 2 == 0;
            for (var turn = 0; turn < 2; turn++)
            {
                var isOurs = oursFirst == (turn == 0);
                IGreedyStepper stepper = isOurs ? ours : genAi;
                var start = Stopwatch.GetTimestamp();
                var token = k == 0 ? stepper.Prefill(prompt) : stepper.Step();
                var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                (isOurs ? oursTokens : genAiTokens).Add(token);
                if (k == 0)
                {
                    if (isOurs) oursTtft = ms;
                    else genAiTtft = ms;
                }
                else (isOurs ? oursSteps : genAiSteps).Add(ms);
            }
        }
        return new LockstepRound(oursTtft, genAiTtft, oursSteps, genAiSteps, ours.PickMs, oursTokens.SequenceEqual(genAiTokens));
    }
}
