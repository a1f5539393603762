using System.Globalization;
using Microsoft.ML.OnnxRuntimeGenAI;
using RagSystem.Generation;
using RagSystem.Onnx;
using RagSystem.Testing;
using RagSystem.Tokenization;

namespace RagSystem.GenAiBenchmark;

/// <summary>Greedy decoding of the same prompt ids on the same ONNX file by our <see cref="DecoderSession"/> and by
/// GenAI's <c>Generator</c>, with the same session options on both sides, in many short rounds, each interleaving the two
/// loops step by step (<see cref="LockstepRound"/>). Each round gives one ratio; the result is the median of those
/// ratios with its interquartile range and extremes, the median over all step pairs, and the load average around it.</summary>
internal static class GenAiComparison
{
    public static async Task RunAsync(string[] args)
    {
        var settings = BenchmarkSettings.Parse(args);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ours vs ONNX Runtime GenAI 0.18.0: {settings.PromptTokens}-token prompt, {settings.Steps} greedy tokens, {settings.Rounds} rounds after a warm-up, each interleaving the two loops step by step (order alternating); " +
            $"both sessions: intra-op threads {settings.IntraOpThreads}, inter-op 1, ORT_ENABLE_ALL, spinning {(settings.Spinning ? "on" : "off")}, CPU arena (ORT default); " +
            $"{Environment.ProcessorCount} logical cores; ORT {Microsoft.ML.OnnxRuntime.OrtEnv.Instance().GetVersionString()}"));
        using var ortGenAi = new OgaHandle();
        foreach (var kind in settings.Kinds)
        {
            var (dir, reason) = await ForgeModels.EnsureAsync(kind);
            if (dir is null)
            {
                Console.WriteLine($"{kind}: skipped: {reason}");
                continue;
            }
            if (settings.Profile) ProfiledPass.Run(kind, dir, settings);
            else Measure(kind, dir, settings);
        }
    }

    internal static DecoderModel OpenOurs(string dir, BenchmarkSettings settings, string? profilePrefix) =>
        DecoderModel.Open(dir, runtime: new OnnxRuntimeOptions
        {
            IntraOpNumThreads = settings.IntraOpThreads,
            InterOpNumThreads = 1,
            AllowSpinning = settings.Spinning,
            ProfileFilePrefix = profilePrefix,
        });

    internal static Model OpenGenAi(string dir, BenchmarkSettings settings, string? profilePrefix)
    {
        GenAiConfigWriter.Write(dir, Path.GetRelativePath(dir, DecoderModel.FindModelFile(dir)!), settings, profilePrefix);
        return new Model(dir);
    }

    internal static int[] PromptIds(string dir, int count)
    {
        var tokenizer = DecoderTokenizerLoader.Load(dir);
        var text = string.Concat(Enumerable.Repeat("The key-value cache stores attention keys and values so each new token attends to the past without recomputing it. ", 200));
        return tokenizer.Encode(text).Take(count).ToArray();
    }

    private static void Measure(string kind, string dir, BenchmarkSettings settings)
    {
        using var genAi = OpenGenAi(dir, settings, null);
        using var ours = OpenOurs(dir, settings, null);
        var prompt = PromptIds(dir, settings.PromptTokens);
        var loadBefore = MachineLoad.OneMinute();
        LockstepRound.Run(ours, genAi, prompt, settings.Steps, 0); // warm-up, not counted
        var rounds = new List<LockstepRound>();
        for (var r = 0; r < settings.Rounds; r++) rounds.Add(LockstepRound.Run(ours, genAi, prompt, settings.Steps, r));
        var loadAfter = MachineLoad.OneMinute();

        var decode = RoundStatistics.Of(rounds.Select(x => x.DecodeRatio).ToList());
        var stepRatios = rounds.SelectMany(x => x.GenAiStepMs.Zip(x.OursStepMs, (g, o) => g / o)).ToList();
        var dtype = ours.KvType == Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Float16 ? "fp16" : "fp32";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            {kind} {dtype}
              decode tok/s ours ÷ GenAI, per round:     median {decode.ToString("F3")} (IQR in brackets), min–max {decode.Min:F3}–{decode.Max:F3}
              decode tok/s ours ÷ GenAI, per step pair: median {RoundStatistics.Of(stepRatios).ToString("F3")} over {stepRatios.Count} pairs
              TTFT GenAI ÷ ours, per round:             median {RoundStatistics.Of(rounds.Select(x => x.TtftRatio).ToList()).ToString("F3")}
              decode ms/token (median of rounds):       ours {RoundStatistics.Of(rounds.Select(x => x.OursStepMs.Average()).ToList()).ToString("F2")}, GenAI {RoundStatistics.Of(rounds.Select(x => x.GenAiStepMs.Average()).ToList()).ToString("F2")}
              TTFT ms:                                  ours {RoundStatistics.Of(rounds.Select(x => x.OursTtftMs).ToList()).ToString("F0")}, GenAI {RoundStatistics.Of(rounds.Select(x => x.GenAiTtftMs).ToList()).ToString("F0")}
              ours, picking the token (median step):    {RoundStatistics.Of(rounds.SelectMany(x => x.OursPickMs).ToList()).ToString("F3")} ms
              same greedy tokens in every round:        {rounds.All(x => x.SameTokens)}
              load average (1 min):                     {loadBefore:F1} before, {loadAfter:F1} after
              decode ratio per round:                   {string.Join(' ', rounds.Select(x => x.DecodeRatio.ToString("F2", CultureInfo.InvariantCulture)))}
            """));
    }
}
