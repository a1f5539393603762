using System.Globalization;

namespace RagSystem.GenAiBenchmark;

/// <summary>The command line of the GenAI comparison. Both loops get the same values: the same intra-op thread count,
/// the same spinning setting, the same prompt ids and the same number of greedy tokens.</summary>
internal sealed record BenchmarkSettings
{
    /// <summary>Forge kinds to compare. Default llama-135m and llama-0.5b.</summary>
    public required IReadOnlyList<string> Kinds { get; init; }

    /// <summary>Prompt tokens. Default 300.</summary>
    public int PromptTokens { get; init; } = 300;

    /// <summary>Greedy tokens per round (the first comes from the prefill, the rest are decode steps). Default 32.</summary>
    public int Steps { get; init; } = 32;

    /// <summary>Alternating rounds, each timing both loops back to back. Default 15.</summary>
    public int Rounds { get; init; } = 15;

    /// <summary>Intra-op threads for both sessions. Default 1: what GenAI picks by itself on this 2-core machine
    /// (<c>hardware_concurrency / 2</c>); 0 is not accepted because ORT and GenAI resolve it differently.</summary>
    public int IntraOpThreads { get; init; } = 1;

    /// <summary>Whether idle intra-op threads spin (<c>session.intra_op.allow_spinning</c>), for both. Default false.</summary>
    public bool Spinning { get; init; }

    /// <summary>Run the profiled pass (ORT profiling on both sessions) instead of the timed rounds.</summary>
    public bool Profile { get; init; }

    public static BenchmarkSettings Parse(string[] args)
    {
        var kinds = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                if (args[i] is "--prompt" or "--steps" or "--rounds" or "--intra") i++;
                continue;
            }
            kinds.Add(args[i]);
        }
        var settings = new BenchmarkSettings
        {
            Kinds = kinds.Count > 0 ? kinds : ["llama-135m", "llama-0.5b"],
            PromptTokens = Option(args, "--prompt", 300),
            Steps = Option(args, "--steps", 32),
            Rounds = Option(args, "--rounds", 15),
            IntraOpThreads = Option(args, "--intra", 1),
            Spinning = args.Contains("--spin"),
            Profile = args.Contains("--profile"),
        };
        if (settings.IntraOpThreads < 1) throw new ArgumentException("--intra must be at least 1 (the same explicit count for both loops).");
        if (settings.Steps < 2) throw new ArgumentException("--steps must be at least 2 (one prefill token and one decode step).");
        return settings;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
