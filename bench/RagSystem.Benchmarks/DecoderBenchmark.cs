using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.AI;
using RagSystem.Generation;
using RagSystem.Testing;
using RagSystem.Tokenization;

namespace RagSystem.Benchmarks;

/// <summary>Local generation speed on forge's <c>llama-135m</c> (SmolLM2-135M shape) and <c>llama-0.5b</c>
/// (Qwen2.5-0.5B shape, fp16): prefill ms/token, decode ms/token, the overhead of our whole decode loop
/// (<see cref="OnnxChatClient"/> streaming: KV session, sampler, detokenizer, stop strings) over a bare
/// <c>session.Run</c> loop on the same tokens, and time to first token for a 1,500-token RAG-like prompt.
/// Usage: <c>decoder [kind ...] [--steps N] [--rounds N]</c>.</summary>
public static class DecoderBenchmark
{
    /// <summary>Runs the benchmark and prints a table.</summary>
    public static async Task RunAsync(string[] args)
    {
        var steps = Option(args, "--steps", 64);
        var rounds = Option(args, "--rounds", 3);
        var kinds = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal) && !int.TryParse(a, out _)).ToList();
        if (kinds.Count == 0) kinds = ["llama-135m", "llama-0.5b"];

        Console.WriteLine($"Decoder benchmark: {steps} decode steps, {rounds} interleaved rounds, median per round; CPU, {Environment.ProcessorCount} logical cores");
        Console.WriteLine($"{"model",-12} {"dtype",-6} {"prefill ms/tok",15} {"decode ms/tok",14} {"raw Run ms/tok",15} {"overhead",9} {"TTFT 1500 cold/warm",22} {"prefill 1500 ms/tok",20}");
        foreach (var kind in kinds)
        {
            var (dir, reason) = await ForgeModels.EnsureAsync(kind);
            if (dir is null)
            {
                Console.WriteLine($"{kind,-12} skipped: {reason}");
                continue;
            }
            Console.WriteLine(Measure(kind, dir, steps, rounds));
        }
    }

    private static string Measure(string kind, string dir, int steps, int rounds)
    {
        using var model = DecoderModel.Open(dir);
        var tokenizer = DecoderTokenizerLoader.Load(dir);
        var template = ChatTemplateResolver.Resolve(dir, out var reason) ?? throw new InvalidOperationException(reason);
        using var client = new OnnxChatClient(model, tokenizer, template, new GeneratorOptions { MaxNewTokens = steps + 1 });

        ChatMessage[] shortChat = [new(ChatRole.System, "Answer from the context and cite sources."), new(ChatRole.User, Passage(tokenizer, 100) + "\nQuestion: what is described above?")];
        ChatMessage[] ragChat = [new(ChatRole.System, "Answer from the context and cite sources."), new(ChatRole.User, RagPrompt(tokenizer, 1500))];
        var shortIds = tokenizer.Encode(template.Render(shortChat));
        var ragIds = tokenizer.Encode(template.Render(ragChat));

        // Warm-up (first Run initialises kernels and arenas).
        RawDecodeLoop.Run(model, shortIds, 4);
        Stream(client, shortChat, 4);

        var prefill = new List<double>();
        var ours = new List<double>();
        var raw = new List<double>();
        var ratios = new List<double>();
        List<int> generated = [];
        for (var r = 0; r < rounds; r++)
        {
            var (rawSteps, rawTokens) = RawDecodeLoop.Run(model, shortIds, steps);
            raw.Add(rawSteps.Average());
            var (first, perToken, tokens) = Stream(client, shortChat, steps + 1);
            // Greedy on the same prompt: both loops must produce the same tokens, or the comparison would be unfair.
            if (tokens.Count < 2 || !tokens.SequenceEqual(rawTokens.Take(tokens.Count)))
                throw new InvalidOperationException("our loop and the raw loop generated different tokens");
            ours.Add(perToken);
            ratios.Add(perToken / raw[^1]);
            generated = tokens;
            prefill.Add(TimePrefill(model, shortIds) / shortIds.Count);
        }
        // The long prompt is slow (quadratic attention): once cold (ORT grows its arena for the new shapes), once warm.
        var (ttftCold, _, _) = Stream(client, ragChat, 1);
        var (ttft, _, _) = Stream(client, ragChat, 1);
        var ragPrefill = TimePrefill(model, ragIds) / ragIds.Count;
        var dtype = DecoderConsistencyName(model);
        // The machine is shared, so whole-loop timings drift between rounds; the managed work our loop adds per token
        // (sampling over the vocabulary, detokenizing, stop strings, the update) is also timed alone, without Run.
        var overhead = Median(ratios) - 1;
        var managedUs = ManagedWorkPerTokenUs(model, tokenizer, template, generated);
        return string.Create(CultureInfo.InvariantCulture,
            $"{kind,-12} {dtype,-6} {Median(prefill),15:F3} {Median(ours),14:F2} {Median(raw),15:F2} {overhead,9:P1} {ttftCold,10:F0} /{ttft,6:F0} ms {ragPrefill,20:F3}" +
            $"\n{"",-12} overhead = median over rounds of (our ms/token / raw ms/token) - 1; per-round: {string.Join(", ", ratios.Select(r => (r - 1).ToString("P1", CultureInfo.InvariantCulture)))}" +
            $"\n{"",-12} managed work per token outside Run: {managedUs:F1} us = {managedUs / 1000 / Median(raw):P3} of a raw step" +
            $"\n{"",-12} prompts: {shortIds.Count} tokens (decode rows), {ragIds.Count} tokens (TTFT); ratio decode/prefill per token = {Median(ours) / Median(prefill):F1}x");
    }

    // Time from the call to the first sampled token, and mean ms per token after it, from our streaming client.
    private static (double FirstMs, double PerTokenMs, List<int> Tokens) Stream(OnnxChatClient client, ChatMessage[] chat, int maxTokens)
    {
        var stamps = new List<long>();
        var tokens = new List<int>();
        client.TokenObserver = t => { stamps.Add(Stopwatch.GetTimestamp()); tokens.Add(t); };
        var start = Stopwatch.GetTimestamp();
        var options = new ChatOptions { MaxOutputTokens = maxTokens };
        Task.Run(async () => { await foreach (var _ in client.GetStreamingResponseAsync(chat, options)) { } }).GetAwaiter().GetResult();
        client.TokenObserver = null;
        var first = Stopwatch.GetElapsedTime(start, stamps[0]).TotalMilliseconds;
        var perToken = stamps.Count > 1 ? Stopwatch.GetElapsedTime(stamps[0], stamps[^1]).TotalMilliseconds / (stamps.Count - 1) : double.NaN;
        return (first, perToken, tokens);
    }

    // Replays the generated tokens through the per-token work of OnnxChatClient other than session.Run.
    private static double ManagedWorkPerTokenUs(DecoderModel model, DecoderTokenizer tokenizer, ChatTemplate template, List<int> tokens)
    {
        var logits = new float[model.VocabSize];
        const int repeats = 200;
        var start = Stopwatch.GetTimestamp();
        for (var r = 0; r < repeats; r++)
        {
            var sampler = new Sampler(0f);
            var detokenizer = new IncrementalDetokenizer(tokenizer);
            var stops = new StopStringMatcher(template.StopStrings);
            foreach (var token in tokens)
            {
                logits[token % logits.Length] = r;
                _ = sampler.Next(logits);
                var text = stops.Push(detokenizer.Push(token));
                if (text.Length > 0) _ = new ChatResponseUpdate(ChatRole.Assistant, text) { CreatedAt = DateTimeOffset.UtcNow };
            }
        }
        return Stopwatch.GetElapsedTime(start).TotalMicroseconds / (repeats * tokens.Count);
    }

    private static double TimePrefill(DecoderModel model, IReadOnlyList<int> ids)
    {
        using var session = model.CreateSession(ids.Count);
        var array = ids.ToArray();
        var start = Stopwatch.GetTimestamp();
        session.Append(array);
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    private static string RagPrompt(DecoderTokenizer tokenizer, int tokens)
    {
        var chunks = new List<string>();
        for (var i = 1; chunks.Sum(c => tokenizer.CountTokens(c)) < tokens - 40; i++)
            chunks.Add($"[{i}] (rfc8446.txt, p. {i}) {Passage(tokenizer, 180, offset: i * 2000)}\n");
        var context = string.Concat(chunks);
        var ids = tokenizer.Encode(context);
        return tokenizer.Decode(ids.Take(tokens - 30)) + "\nQuestion: How does TLS 1.3 derive its traffic keys? Cite the sources.";
    }

    private static string Passage(DecoderTokenizer tokenizer, int tokens, int offset = 0)
    {
        var path = SharedData.Find("data", "text", "rfc-tls", "rfc8446.txt");
        var text = path is null
            ? string.Concat(Enumerable.Repeat("The handshake derives traffic secrets with HKDF from the shared secret. ", 400))
            : File.ReadAllText(path);
        var start = Math.Min(offset, Math.Max(0, text.Length - 4000));
        return tokenizer.Decode(tokenizer.Encode(text.Substring(start, Math.Min(4000, text.Length - start))).Take(tokens));
    }

    private static string DecoderConsistencyName(DecoderModel model) =>
        model.LogitsType == Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Float16 ? "fp16" : "fp32";

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var v) ? v : fallback;
    }
}
