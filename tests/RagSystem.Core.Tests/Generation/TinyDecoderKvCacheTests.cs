using RagSystem.Generation;
using RagSystem.Testing;
using RagSystem.Testing.Generation;
using RagSystem.Testing.Onnx;
using RagSystem.Tokenization;

namespace RagSystem.Core.Tests.Generation;

/// <summary>KV-cache exactness on the decoder built in C# (GQA 4/2 heads, RoPE, causal mask).</summary>
public sealed class TinyDecoderKvCacheTests
{
    private const string Text = "Hello there! The cache keeps keys and values: ça marche, 東京 🚀.";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void IncrementalDecoding_MatchesFullPass(bool kvFloat16)
    {
        using var dir = new TempDirectory("tiny-decoder");
        TinyDecoderFolder.Write(dir.Path, new TinyDecoderOptions { KvFloat16 = kvFloat16 });
        using var model = DecoderModel.Open(dir.Path);
        Assert.Equal((2, 2, 8), (model.NumLayers, model.KvHeads, model.HeadDim));
        var tokens = DecoderTokenizerLoader.Load(dir.Path).Encode(Text);

        var result = DecoderConsistency.CompareIncrementalWithFullPass(model, tokens, prefill: 6);
        TestContext.Current.TestOutputHelper?.WriteLine($"KV exactness: {result}");
        Assert.Equal(tokens.Count - 5, result.ComparedRows);
        Assert.True(result.MaxAbsDiff <= 1e-3, $"max diff {result.MaxAbsDiff}");
        Assert.True(result.MaxAbsLogit > 1, "logits should be spread enough for arg-max comparisons to mean something");
        Assert.True(result.ArgMaxAgree);
        Assert.Equal(DecoderConsistency.GreedyWithoutCache(model, tokens, 8), DecoderConsistency.GreedyWithCache(model, tokens, 8));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void IoBindingSteps_EqualPlainSessionRuns(bool kvFloat16)
    {
        // An independent reference: the same prefill and two steps through InferenceSession.Run, presents fed back by hand.
        using var dir = new TempDirectory("tiny-decoder");
        TinyDecoderFolder.Write(dir.Path, new TinyDecoderOptions { KvFloat16 = kvFloat16 });
        using var model = DecoderModel.Open(dir.Path);
        var tokens = DecoderTokenizerLoader.Load(dir.Path).Encode(Text).Take(9).ToArray();
        using var session = model.CreateSession(tokens.Length);
        var bound = new List<float[]> { session.Append(tokens.AsSpan(0, 7)).ToArray(), session.Append([tokens[7]]).ToArray(), session.Append([tokens[8]]).ToArray() };

        var plain = PlainSessionRun.LastRowLogits(model, [tokens[..7], [tokens[7]], [tokens[8]]]);

        for (var step = 0; step < 3; step++) Assert.Equal(plain[step], bound[step]);
        Assert.Equal(9, session.Length);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReusedBuffers_GiveTheSameLogitsAsFreshOnes(bool groupQueryAttention)
    {
        // A finished sequence hands its KV and logits buffers to the next one, stale contents included: a sequence must
        // read only what it wrote. Run A, then a longer B (which leaves its keys everywhere), then A again.
        using var dir = new TempDirectory("tiny-decoder");
        TinyDecoderFolder.Write(dir.Path, new TinyDecoderOptions { GroupQueryAttention = groupQueryAttention });
        using var model = DecoderModel.Open(dir.Path);
        var tokens = DecoderTokenizerLoader.Load(dir.Path).Encode(Text).ToArray();
        List<float[]> Run(int[] sequence)
        {
            using var session = model.CreateSession(tokens.Length);
            var logits = new List<float[]> { session.Append(sequence.AsSpan(0, 5)).ToArray() };
            for (var i = 5; i < sequence.Length; i++) logits.Add(session.Append([sequence[i]]).ToArray());
            return logits;
        }
        var first = Run(tokens[..12]);
        var other = Run(tokens.Reverse().ToArray());
        var again = Run(tokens[..12]);
        Assert.Equal(first.Count, again.Count);
        for (var i = 0; i < first.Count; i++) Assert.Equal(first[i], again[i]);
        Assert.NotEqual(first[^1], other[6]);
    }

    [Fact]
    public void TheCacheMatters_ResettingItChangesTheLogits()
    {
        // Guards the exactness test against a model that ignores its past: without the cache the logits differ.
        using var dir = new TempDirectory("tiny-decoder");
        TinyDecoderFolder.Write(dir.Path);
        using var model = DecoderModel.Open(dir.Path);
        var tokens = DecoderTokenizerLoader.Load(dir.Path).Encode(Text);
        using var withPast = model.CreateSession(tokens.Count);
        withPast.Append(tokens.Take(tokens.Count - 1).ToArray());
        var cached = withPast.Append([tokens[^1]]).ToArray();
        using var fresh = model.CreateSession(1);
        var alone = fresh.Append([tokens[^1]]).ToArray();
        Assert.True(cached.Zip(alone, (a, b) => Math.Abs(a - b)).Max() > 1e-2);
    }

    [Fact]
    public void Open_RejectsConfigsThatContradictTheGraph()
    {
        using var dir = new TempDirectory("tiny-decoder");
        TinyDecoderFolder.Write(dir.Path);
        var config = Path.Combine(dir.Path, "config.json");
        File.WriteAllText(config, File.ReadAllText(config).Replace("\"num_key_value_heads\": 2", "\"num_key_value_heads\": 4"));
        var ex = Assert.Throws<DecoderModelException>(() => DecoderModel.Open(dir.Path));
        Assert.Contains("num_key_value_heads", ex.Message);
    }
}
