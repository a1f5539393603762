using RagSystem.Generation;

namespace RagSystem.Core.Tests.Generation;

public sealed class SamplerTests
{
    private static readonly float[] Logits = [0.1f, 2.0f, 1.9f, -1f, 1.8f, 0.5f];

    [Fact]
    public void Greedy_PicksTheArgMax()
    {
        Assert.Equal(1, new Sampler(0f).Next(Logits));
        Assert.Equal(1, new Sampler(1.5f, topK: 1, seed: 3).Next(Logits));
        Assert.True(new Sampler(1.5f, topK: 1).IsGreedy);
    }

    [Fact]
    public void GreedyPick_EqualsTensorPrimitivesIndexOfMax()
    {
        // The greedy path has its own arg-max (fully optimised from the first call); it must pick what the library picks,
        // including ties (first wins), a tail shorter than a vector, -0 against +0 and NaN.
        var random = new Random(7);
        var cases = new List<float[]>();
        foreach (var length in new[] { 1, 3, 7, 8, 9, 31, 259, 50257 })
        {
            var values = Enumerable.Range(0, length).Select(_ => (float)Math.Round(random.NextDouble() * 20 - 10, 1)).ToArray();
            cases.Add(values);
            var tie = (float[])values.Clone();
            tie[length / 2] = tie[^1] = tie.Max() + 1; // two equal maxima, the earlier one must win
            cases.Add(tie);
        }
        cases.Add([-0f, 0f, -1f]);
        cases.Add([0f, -0f, -1f, -2f, -3f, -4f, -5f, -6f, -7f]);
        cases.Add([1f, 2f, float.NaN, 3f, float.NaN, 0f, 0f, 0f, 0f, 9f]);
        cases.Add(Enumerable.Repeat(float.NegativeInfinity, 17).ToArray());
        foreach (var values in cases)
            Assert.Equal(System.Numerics.Tensors.TensorPrimitives.IndexOfMax<float>(values), new Sampler(0f).Next(values));
    }

    [Fact]
    public void SameSeed_SameSequence_DifferentSeed_DifferentSequence()
    {
        int[] Draw(int seed)
        {
            var s = new Sampler(1f, seed: seed);
            return Enumerable.Range(0, 50).Select(_ => s.Next(Logits)).ToArray();
        }
        Assert.Equal(Draw(1), Draw(1));
        Assert.NotEqual(Draw(1), Draw(2));
    }

    [Fact]
    public void TopK_OnlyEverPicksTheKMostLikely()
    {
        var s = new Sampler(5f, topK: 3, seed: 9);
        var picks = Enumerable.Range(0, 2000).Select(_ => s.Next(Logits)).ToHashSet();
        Assert.Equal(new HashSet<int> { 1, 2, 4 }, picks);
    }

    [Fact]
    public void TopP_KeepsTheNucleus()
    {
        // At temperature 1 the top token has ~34% of the mass; p = 0.3 keeps only it, p = 0.6 the top two.
        var onlyTop = new Sampler(1f, topP: 0.3f, seed: 4);
        Assert.All(Enumerable.Range(0, 500), _ => Assert.Equal(1, onlyTop.Next(Logits)));
        var two = new Sampler(1f, topP: 0.6f, seed: 4);
        Assert.Equal(new HashSet<int> { 1, 2 }, Enumerable.Range(0, 2000).Select(_ => two.Next(Logits)).ToHashSet());
    }

    [Fact]
    public void Sampling_FollowsTheSoftmaxDistribution()
    {
        var s = new Sampler(1f, seed: 123);
        var counts = new int[Logits.Length];
        const int n = 20000;
        for (var i = 0; i < n; i++) counts[s.Next(Logits)]++;
        var exp = Logits.Select(l => Math.Exp(l)).ToArray();
        var total = exp.Sum();
        for (var i = 0; i < Logits.Length; i++) Assert.InRange(counts[i] / (double)n, exp[i] / total - 0.02, exp[i] / total + 0.02);
    }
}
