using System.Globalization;
using Microsoft.ML.OnnxRuntimeGenAI;
using RagSystem.Generation;
using RagSystem.Onnx;
using RagSystem.Testing;
using RagSystem.Tokenization;

namespace RagSystem.GenAiBenchmark;

/// <summary>Greedy decoding of the same prompt ids on the same ONNX file by our <see cref="DecoderSession"/> and by
/// GenAI's <c>Generator</c>, with the same session options on both sides, in many short rounds that alternate which
/// loop goes first. Each round gives one ratio (both loops measured back to back under nearly the same load); the
/// result is the median of those ratios with its interquartile range and extremes, and the load average around it.</summary>
internal static class GenAiComparison
{
    public static async Task RunAsync(string[] args)
    {
        var settings = BenchmarkSettings.Parse(args);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ours vs ONNX Runtime GenAI 0.18.0: {settings.PromptTokens}-token prompt, {settings.Steps} greedy tokens, {settings.Rounds} alternating rounds after a warm-up; " +
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

        DecodeLoops.Ours(ours, prompt, settings.Steps);
        DecodeLoops.GenAi(genAi, prompt, settings.Steps);
        var oursRuns = new List<DecodeRun>();
        var genAiRuns = new List<DecodeRun>();
        for (var r = 0; r < settings.Rounds; r++)
        {
            if (r % 2 == 0)
            {
                oursRuns.Add(DecodeLoops.Ours(ours, prompt, settings.Steps));
                genAiRuns.Add(DecodeLoops.GenAi(genAi, prompt, settings.Steps));
            }
            else
            {
                genAiRuns.Add(DecodeLoops.GenAi(genAi, prompt, settings.Steps));
                oursRuns.Add(DecodeLoops.Ours(ours, prompt, settings.Steps));
            }
        }
        var loadAfter = MachineLoad.OneMinute();

        // tokens/s ours ÷ GenAI = GenAI's ms/token ÷ ours, per round.
        var decodeRatios = genAiRuns.Zip(oursRuns, (g, o) => g.DecodeMsPerToken / o.DecodeMsPerToken).ToList();
        var ttftRatios = genAiRuns.Zip(oursRuns, (g, o) => g.TtftMs / o.TtftMs).ToList();
        var decode = RoundStatistics.Of(decodeRatios);
        var same = oursRuns.Zip(genAiRuns, (o, g) => o.Tokens.SequenceEqual(g.Tokens)).All(x => x);
        var dtype = ours.KvType == Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Float16 ? "fp16" : "fp32";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            {kind} {dtype}
              decode tok/s ours ÷ GenAI: median {decode.ToString("F3")} (IQR in brackets), min–max {decode.Min:F3}–{decode.Max:F3}
              TTFT GenAI ÷ ours:         median {RoundStatistics.Of(ttftRatios).ToString("F3")}
              decode ms/token:           ours {RoundStatistics.Of(oursRuns.Select(x => x.DecodeMsPerToken).ToList()).ToString("F2")}, GenAI {RoundStatistics.Of(genAiRuns.Select(x => x.DecodeMsPerToken).ToList()).ToString("F2")}
              TTFT ms:                   ours {RoundStatistics.Of(oursRuns.Select(x => x.TtftMs).ToList()).ToString("F0")}, GenAI {RoundStatistics.Of(genAiRuns.Select(x => x.TtftMs).ToList()).ToString("F0")}
              ours, picking (median):    {RoundStatistics.Of(oursRuns.Select(x => x.PickMsPerToken!.Value).ToList()).ToString("F3")} ms/token
              same greedy tokens:        {same}
              load average (1 min):      {loadBefore:F1} before, {loadAfter:F1} after
              decode ratio per round:    {string.Join(' ', decodeRatios.Select(x => x.ToString("F2", CultureInfo.InvariantCulture)))}
            """));
    }
}
