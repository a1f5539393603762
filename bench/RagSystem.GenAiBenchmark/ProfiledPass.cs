using System.Globalization;

namespace RagSystem.GenAiBenchmark;

/// <summary>One decode step of each loop taken apart with ONNX Runtime's profiler on both sessions (loops interleaved
/// step by step, as in the timed rounds): wall time per step
/// (stopwatch around the step), the time inside <c>model_run</c> (the runtime executing the graph), their difference
/// (everything the loop does around the run: binding or feeding inputs, allocating outputs, reading logits, picking the
/// token), and kernel time per operator type. Profiling adds its own cost to every node, so the absolute times are higher
/// than in the timed rounds; the split between the two loops is what this pass is for.</summary>
internal static class ProfiledPass
{
    private const int Sequences = 5; // the first is a warm-up

    public static void Run(string kind, string dir, BenchmarkSettings settings)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "rag-genai-profile")).FullName;
        var oursPrefix = Path.Combine(folder, $"ours-{kind}");
        var genAiPrefix = Path.Combine(folder, $"genai-{kind}");
        foreach (var old in Directory.EnumerateFiles(folder, $"*-{kind}_*.json")) File.Delete(old);
        var prompt = GenAiComparison.PromptIds(dir, settings.PromptTokens);
        var rounds = new List<LockstepRound>();
        var loadBefore = MachineLoad.OneMinute();
        using (var genAi = GenAiComparison.OpenGenAi(dir, settings, genAiPrefix))
        using (var ours = GenAiComparison.OpenOurs(dir, settings, oursPrefix))
        {
            for (var s = 0; s < Sequences; s++)
            {
                var round = LockstepRound.Run(ours, genAi, prompt, settings.Steps, s);
                if (s > 0) rounds.Add(round);
            }
        }
        var oursWall = rounds.SelectMany(r => r.OursStepMs).Average();
        var genAiWall = rounds.SelectMany(r => r.GenAiStepMs).Average();
        // Rewrite the config without profiling so later runs of GenAI on this folder are not profiled.
        GenAiConfigWriter.Write(dir, Path.GetRelativePath(dir, RagSystem.Generation.DecoderModel.FindModelFile(dir)!), settings, null);
        var oursProfile = OrtProfile.Read(Newest(folder, $"ours-{kind}_"), settings.Steps, skipSequences: 1);
        var genAiProfile = OrtProfile.Read(Newest(folder, $"genai-{kind}_"), settings.Steps, skipSequences: 1);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{kind}: profiled decode step, means over {Sequences - 1} sequences × {settings.Steps - 1} steps (load average {loadBefore:F1} → {MachineLoad.OneMinute():F1})"));
        Console.WriteLine($"  {"ms per decode step",-34} {"ours",10} {"GenAI",10}");
        Row("wall (stopwatch)", oursWall, genAiWall);
        Row("inside model_run", oursProfile.DecodeRunMs.Average(), genAiProfile.DecodeRunMs.Average());
        Row("outside model_run", oursWall - oursProfile.DecodeRunMs.Average(), genAiWall - genAiProfile.DecodeRunMs.Average());
        Row("  of which picking (median)", RoundStatistics.Of(rounds.SelectMany(r => r.OursPickMs).ToList()).Median, double.NaN);
        Row("sum of kernel times", oursProfile.KernelMsPerStep.Values.Sum(), genAiProfile.KernelMsPerStep.Values.Sum());
        foreach (var op in oursProfile.KernelMsPerStep.Keys.Union(genAiProfile.KernelMsPerStep.Keys)
                     .OrderByDescending(op => oursProfile.KernelMsPerStep.GetValueOrDefault(op) + genAiProfile.KernelMsPerStep.GetValueOrDefault(op)).Take(12))
            Row("  " + op, oursProfile.KernelMsPerStep.GetValueOrDefault(op), genAiProfile.KernelMsPerStep.GetValueOrDefault(op));
    }

    private static void Row(string label, double ours, double genAi) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {label,-34} {ours,10:F3} {(double.IsNaN(genAi) ? "" : genAi.ToString("F3", CultureInfo.InvariantCulture)),10}"));

    private static string Newest(string folder, string prefix) =>
        new DirectoryInfo(folder).EnumerateFiles(prefix + "*.json").OrderByDescending(f => f.LastWriteTimeUtc).FirstOrDefault()?.FullName
        ?? throw new FileNotFoundException($"ONNX Runtime wrote no profile starting with {prefix} in {folder}.");
}
