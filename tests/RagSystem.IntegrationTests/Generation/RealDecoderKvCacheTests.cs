using RagSystem.Generation;
using RagSystem.Testing;
using RagSystem.Testing.Generation;
using RagSystem.Tokenization;

namespace RagSystem.IntegrationTests.Generation;

/// <summary>KV-cache exactness on real-format exports: incremental decoding equals a full-sequence pass.</summary>
public sealed class RealDecoderKvCacheTests
{
    private const string Prompt = "The quick brown fox jumps over the lazy dog. Café, 東京, 😀 and code: x += 1;";

    [Fact]
    public void TinyRandomLlamaFp16_IncrementalLogitsMatchFullPassWithinOneFp16Step()
    {
        var dir = SharedModel();
        using var model = DecoderModel.Open(dir);
        Assert.True(DecoderConsistency.IsFp16(model));
        Assert.Equal((2, 1, 16, 32000), (model.NumLayers, model.KvHeads, model.HeadDim, model.VocabSize));
        var tokens = DecoderTokenizerLoader.Load(dir).Encode(Prompt);
        var result = DecoderConsistency.CompareIncrementalWithFullPass(model, tokens, prefill: 5);
        TestContext.Current.TestOutputHelper?.WriteLine($"KV exactness: {result}");
        Assert.Equal(tokens.Count - 4, result.ComparedRows);
        Assert.True(result.MaxDiffInFp16Steps <= 1.0, $"max diff {result.MaxAbsDiff} = {result.MaxDiffInFp16Steps:F2} fp16 steps (max |logit| {result.MaxAbsLogit})");
    }

    [Fact]
    public void TinyRandomLlamaFp16_GreedyTokensWithCacheEqualRecomputation()
    {
        var dir = SharedModel();
        using var model = DecoderModel.Open(dir);
        var prompt = DecoderTokenizerLoader.Load(dir).Encode(Prompt);
        Assert.Equal(DecoderConsistency.GreedyWithoutCache(model, prompt, 8), DecoderConsistency.GreedyWithCache(model, prompt, 8));
    }

    [Theory]
    [InlineData("")]
    [InlineData("--flat")]
    public async Task ForgeTinyLlama_IncrementalLogitsMatchFullPassWithin1e3(string flags)
    {
        var dir = await ForgeAsync("tiny-llama", flags);
        using var model = DecoderModel.Open(dir);
        Assert.False(DecoderConsistency.IsFp16(model));
        Assert.Equal((2, 2, 16, 50257), (model.NumLayers, model.KvHeads, model.HeadDim, model.VocabSize));
        var tokens = DecoderTokenizerLoader.Load(dir).Encode(Prompt);
        var result = DecoderConsistency.CompareIncrementalWithFullPass(model, tokens, prefill: 4);
        TestContext.Current.TestOutputHelper?.WriteLine($"KV exactness: {result}");
        Assert.True(result.MaxAbsDiff <= 1e-3, $"max diff {result.MaxAbsDiff}");
        Assert.True(result.ArgMaxAgree);
        Assert.Equal(DecoderConsistency.GreedyWithoutCache(model, tokens, 6), DecoderConsistency.GreedyWithCache(model, tokens, 6));
    }

    internal static string SharedModel()
    {
        var reason = SharedData.MissingReason("models", "tiny-random-llama-fp16");
        if (reason is not null) Assert.Skip(reason);
        return SharedData.Find("models", "tiny-random-llama-fp16")!;
    }

    internal static async Task<string> ForgeAsync(string kind, string flags = "")
    {
        var (dir, reason) = await ForgeModels.EnsureAsync(kind, flags, TestContext.Current.CancellationToken);
        if (dir is null) Assert.Skip(reason!);
        return dir;
    }
}
