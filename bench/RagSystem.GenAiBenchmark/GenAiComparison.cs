using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.OnnxRuntimeGenAI;
using RagSystem.Generation;
using RagSystem.Testing;
using RagSystem.Tokenization;

namespace RagSystem.GenAiBenchmark;

/// <summary>Greedy decoding of the same prompt ids on the same ONNX file by our <see cref="DecoderSession"/> (IO binding,
/// arg-max sampler) and by GenAI's <c>Generator</c>, alternating which goes first each round. Prints medians of time to
/// first token (prefill + first pick) and decode ms/token, the ratios ours ÷ GenAI in tokens/s, and whether both
/// produced the same tokens.</summary>
internal static class GenAiComparison
{
    private static int IntraThreads;
    private static bool Spinning;

    public static async Task RunAsync(string[] args)
    {
        IntraThreads = Option(args, "--intra", 0);
        Spinning = args.Contains("--spin");
        var promptTokens = Option(args, "--prompt", 300);
        var steps = Option(args, "--steps", 48);
        var rounds = Option(args, "--rounds", 7);
        var kinds = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal) && !int.TryParse(a, out _)).ToList();
        if (kinds.Count == 0) kinds = ["llama-135m", "llama-0.5b"];
        Console.WriteLine($"ours vs ONNX Runtime GenAI 0.18.0: {promptTokens}-token prompt, {steps} greedy tokens, {rounds} alternating rounds, medians; " +
            $"CPU, {Environment.ProcessorCount} logical cores; ORT {Microsoft.ML.OnnxRuntime.OrtEnv.Instance().GetVersionString()}");
        Console.WriteLine($"{"model",-12} {"TTFT ours ms",13} {"TTFT GenAI ms",14} {"decode ours ms/tok",19} {"decode GenAI ms/tok",20} {"decode tok/s ours÷GenAI",24} {"TTFT GenAI÷ours",16} {"same tokens",12} {"decode ratio per round",24}");
        using var ortGenAi = new OgaHandle();
        foreach (var kind in kinds)
        {
            var (dir, reason) = await ForgeModels.EnsureAsync(kind);
            if (dir is null)
            {
                Console.WriteLine($"{kind,-12} skipped: {reason}");
                continue;
            }
            var file = DecoderModel.FindModelFile(dir)!;
            GenAiConfigWriter.Write(dir, Path.GetRelativePath(dir, file));
            Console.WriteLine(Measure(kind, dir, promptTokens, steps, rounds));
        }
    }

    private static string Measure(string kind, string dir, int promptTokens, int steps, int rounds)
    {
        using var ours = DecoderModel.Open(dir, runtime: new RagSystem.Onnx.OnnxRuntimeOptions { IntraOpNumThreads = IntraThreads, AllowSpinning = Spinning });
        using var genAi = new Model(dir);
        var tokenizer = DecoderTokenizerLoader.Load(dir);
        var prompt = PromptIds(tokenizer, promptTokens);

        RunOurs(ours, prompt, 4);
        RunGenAi(genAi, prompt, 4);
        var ttft = (ours: new List<double>(), genAi: new List<double>());
        var decode = (ours: new List<double>(), genAi: new List<double>());
        var same = true;
        for (var r = 0; r < rounds; r++)
        {
            (double Ttft, double Decode, List<int> Tokens) a, b;
            if (r % 2 == 0) { a = RunOurs(ours, prompt, steps); b = RunGenAi(genAi, prompt, steps); }
            else { b = RunGenAi(genAi, prompt, steps); a = RunOurs(ours, prompt, steps); }
            ttft.ours.Add(a.Ttft); ttft.genAi.Add(b.Ttft);
            decode.ours.Add(a.Decode); decode.genAi.Add(b.Decode);
            same &= a.Tokens.SequenceEqual(b.Tokens);
        }
        double Median(List<double> x) { var s = x.Order().ToList(); return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2; }
        // Ratios per round (both measured back to back), then the median: less exposed to the shared machine's drift.
        var decodeRatio = Median(decode.genAi.Zip(decode.ours, (g, o) => g / o).ToList());
        var ttftRatio = Median(ttft.genAi.Zip(ttft.ours, (g, o) => g / o).ToList());
        var dtype = ours.KvType == Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Float16 ? "fp16" : "fp32";
        return string.Create(CultureInfo.InvariantCulture,
            $"{kind + " " + dtype,-12} {Median(ttft.ours),13:F0} {Median(ttft.genAi),14:F0} {Median(decode.ours),19:F2} {Median(decode.genAi),20:F2} {decodeRatio,24:F3} {ttftRatio,16:F3} {same,12} {string.Join(' ', decode.genAi.Zip(decode.ours, (g, o) => (g / o).ToString("F2", CultureInfo.InvariantCulture))),24}");
    }

    private static (double Ttft, double Decode, List<int> Tokens) RunOurs(DecoderModel model, int[] prompt, int steps)
    {
        var sampler = new Sampler(0f);
        var tokens = new List<int>(steps);
        var clock = Stopwatch.StartNew();
        using var session = model.CreateSession(prompt.Length + steps);
        tokens.Add(sampler.Next(session.Append(prompt)));
        var ttft = clock.Elapsed.TotalMilliseconds;
        while (tokens.Count < steps) tokens.Add(sampler.Next(session.Append([tokens[^1]])));
        var decode = (clock.Elapsed.TotalMilliseconds - ttft) / (steps - 1);
        return (ttft, decode, tokens);
    }

    private static (double Ttft, double Decode, List<int> Tokens) RunGenAi(Model model, int[] prompt, int steps)
    {
        var tokens = new List<int>(steps);
        var clock = Stopwatch.StartNew();
        using var parameters = new GeneratorParams(model);
        parameters.SetSearchOption("max_length", prompt.Length + steps);
        parameters.SetSearchOption("do_sample", false);
        using var generator = new Generator(model, parameters);
        generator.AppendTokens(prompt); // runs the prefill; the next call picks from its logits
        generator.GenerateNextToken();
        tokens.Add(generator.GetSequence(0)[^1]);
        var ttft = clock.Elapsed.TotalMilliseconds;
        while (tokens.Count < steps)
        {
            generator.GenerateNextToken();
            tokens.Add(generator.GetSequence(0)[^1]);
        }
        var decode = (clock.Elapsed.TotalMilliseconds - ttft) / (steps - 1);
        return (ttft, decode, tokens);
    }

    private static int[] PromptIds(DecoderTokenizer tokenizer, int count)
    {
        var text = string.Concat(Enumerable.Repeat("The key-value cache stores attention keys and values so each new token attends to the past without recomputing it. ", 200));
        return tokenizer.Encode(text).Take(count).ToArray();
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
