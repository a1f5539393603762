using RagSystem.Generation;
using RagSystem.Testing;
using RagSystem.Testing.Generation;
using RagSystem.Testing.Onnx;
using RagSystem.Tokenization;

namespace RagSystem.Core.Tests.Generation;

/// <summary>KV-cache exactness on a decoder that attends through ONNX Runtime's GroupQueryAttention, whose cache is one
/// max-length buffer per tensor bound as both past and present (<c>past_present_share_buffer</c>), against a full pass
/// and against the separate past/present path on the same file.</summary>
public sealed class TinyDecoderSharedKvTests
{
    private const string Text = "Hello there! The cache keeps keys and values: ça marche, 東京 🚀.";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SharedBuffer_IncrementalDecodingMatchesFullPass(bool kvFloat16)
    {
        using var dir = new TempDirectory("tiny-gqa");
        TinyDecoderFolder.Write(dir.Path, new TinyDecoderOptions { GroupQueryAttention = true, KvFloat16 = kvFloat16 });
        using var model = DecoderModel.Open(dir.Path);
        Assert.True(model.SharesPastPresentBuffer);
        var tokens = DecoderTokenizerLoader.Load(dir.Path).Encode(Text);

        var result = DecoderConsistency.CompareIncrementalWithFullPass(model, tokens, prefill: 6);
        TestContext.Current.TestOutputHelper?.WriteLine($"KV exactness (shared buffer, fp16 {kvFloat16}): {result}");
        Assert.Equal(tokens.Count - 5, result.ComparedRows);
        Assert.True(kvFloat16 ? result.MaxDiffInFp16Steps <= 2 : result.MaxAbsDiff <= 1e-4, $"max diff {result.MaxAbsDiff} ({result.MaxDiffInFp16Steps} fp16 steps)");
        Assert.True(result.MaxAbsLogit > 1, "logits should be spread enough for arg-max comparisons to mean something");
        Assert.True(result.ArgMaxAgree);
        Assert.Equal(DecoderConsistency.GreedyWithoutCache(model, tokens, 8), DecoderConsistency.GreedyWithCache(model, tokens, 8));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SharedBuffer_GivesTheLogitsOfSeparatePastAndPresent(bool kvFloat16)
    {
        // The same file twice: with genai_config.json's past_present_share_buffer (one buffer, bound once) and without
        // it (two buffers taking turns, the path every plain-op export uses). Every step must agree.
        using var dir = new TempDirectory("tiny-gqa");
        TinyDecoderFolder.Write(dir.Path, new TinyDecoderOptions { GroupQueryAttention = true, KvFloat16 = kvFloat16 });
        var tokens = DecoderTokenizerLoader.Load(dir.Path).Encode(Text).ToArray();
        var shared = StepLogits(dir.Path, tokens, expectShared: true);
        File.Delete(Path.Combine(dir.Path, "genai_config.json"));
        var separate = StepLogits(dir.Path, tokens, expectShared: false);

        Assert.Equal(separate.Count, shared.Count);
        for (var step = 0; step < shared.Count; step++)
        {
            var diff = shared[step].Zip(separate[step], (a, b) => Math.Abs(a - b)).Max();
            Assert.True(diff <= 1e-5, $"step {step}: max diff {diff}");
        }
    }

    [Fact]
    public void SharedBuffer_TheCacheMatters()
    {
        // Guards the tests above against an attention that ignores its past: a step without the cache differs.
        using var dir = new TempDirectory("tiny-gqa");
        TinyDecoderFolder.Write(dir.Path, new TinyDecoderOptions { GroupQueryAttention = true });
        using var model = DecoderModel.Open(dir.Path);
        var tokens = DecoderTokenizerLoader.Load(dir.Path).Encode(Text);
        using var withPast = model.CreateSession(tokens.Count);
        withPast.Append(tokens.Take(tokens.Count - 1).ToArray());
        var cached = withPast.Append([tokens[^1]]).ToArray();
        using var fresh = model.CreateSession(1);
        var alone = fresh.Append([tokens[^1]]).ToArray();
        Assert.True(cached.Zip(alone, (a, b) => Math.Abs(a - b)).Max() > 1e-2);
    }

    // A prefill of 7 tokens, a chunk of 3, then one token per step (a chunk exercises a multi-token append after a past).
    private static List<float[]> StepLogits(string directory, int[] tokens, bool expectShared)
    {
        using var model = DecoderModel.Open(directory);
        Assert.Equal(expectShared, model.SharesPastPresentBuffer);
        using var session = model.CreateSession(tokens.Length);
        var logits = new List<float[]> { session.Append(tokens.AsSpan(0, 7)).ToArray(), session.AppendReturningAllLogits(tokens.AsSpan(7, 3)) };
        for (var i = 10; i < tokens.Length; i++) logits.Add(session.Append([tokens[i]]).ToArray());
        Assert.Equal(tokens.Length, session.Length);
        return logits;
    }
}
