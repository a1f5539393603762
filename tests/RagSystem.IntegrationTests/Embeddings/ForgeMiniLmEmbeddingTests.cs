using System.Text.Json;
using RagSystem.Embeddings;
using RagSystem.Testing;

namespace RagSystem.IntegrationTests.Embeddings;

public sealed class ForgeMiniLmEmbeddingTests
{
    private static async Task<string> ForgeAsync(string extraArgs = "")
    {
        var (folder, skip) = await ForgeModels.EnsureAsync("minilm-l6", extraArgs, TestContext.Current.CancellationToken);
        if (folder is null) Assert.Skip(skip!);
        return folder;
    }

    private static string[] Passages(int count)
    {
        var corpus = SharedData.Find("data", "scifact", "corpus.jsonl");
        if (corpus is null)
        {
            return ["Hello world.", "Transformers use self-attention over all tokens.", "A short one.",
                "Mean pooling averages the token vectors that are not padding, then the vector is scaled to unit length."];
        }
        // Title + abstract, cut to at most 600 characters (about 150 tokens) to keep the test quick; lengths still vary.
        return File.ReadLines(corpus).Take(count).Select(line =>
        {
            using var doc = JsonDocument.Parse(line);
            return doc.RootElement.GetProperty("title").GetString() + "\n" + doc.RootElement.GetProperty("text").GetString();
        }).Select((text, i) => text[..Math.Min(text.Length, i % 3 == 0 ? 60 : 600)]).ToArray();
    }

    private static float MaxAbsDiff(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var max = 0f;
        for (var i = 0; i < a.Length; i++) max = Math.Max(max, Math.Abs(a[i] - b[i]));
        return max;
    }

    [Fact]
    public async Task LoadsFromTheHuggingFaceOnnxLayoutAndGives384DimUnitVectors()
    {
        using var generator = new OnnxEmbeddingGenerator(await ForgeAsync());

        var embeddings = await generator.GenerateAsync(Passages(6), cancellationToken: TestContext.Current.CancellationToken);

        Assert.EndsWith(Path.Combine("onnx", "model.onnx"), generator.Folder.ModelPath);
        Assert.Equal(384, generator.Dimensions);
        Assert.Equal(512, generator.Profile.MaxTokens);
        Assert.Equal(EmbeddingPooling.Mean, generator.Profile.Pooling);
        Assert.All(embeddings, e =>
        {
            Assert.Equal(384, e.Vector.Length);
            Assert.Equal(1.0, Math.Sqrt(e.Vector.ToArray().Sum(x => (double)x * x)), 5);
        });
    }

    [Fact]
    public async Task PaddedBatchEqualsSingleInputs()
    {
        using var generator = new OnnxEmbeddingGenerator(await ForgeAsync(), new EmbeddingModelOptions { BatchSize = 6 });
        var texts = Passages(6);

        var batch = await generator.GenerateAsync(texts, cancellationToken: TestContext.Current.CancellationToken);

        for (var i = 0; i < texts.Length; i++)
        {
            var single = await generator.GenerateAsync([texts[i]], cancellationToken: TestContext.Current.CancellationToken);
            var diff = MaxAbsDiff(single[0].Vector.Span, batch[i].Vector.Span);
            Assert.True(diff <= 1e-5f, $"passage {i}: max |diff| {diff}");
        }
    }

    [Fact]
    public async Task Float16ExportGivesUnitVectorsCloseToItsSinglesAndFlatLayoutLoads()
    {
        using var generator = new OnnxEmbeddingGenerator(await ForgeAsync("--dtype fp16 --flat"));
        var texts = Passages(4);

        var batch = await generator.GenerateAsync(texts, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(generator.Folder.Directory, Path.GetDirectoryName(generator.Folder.ModelPath));
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(1.0, Math.Sqrt(batch[i].Vector.ToArray().Sum(x => (double)x * x)), 3);
            var single = await generator.GenerateAsync([texts[i]], cancellationToken: TestContext.Current.CancellationToken);
            // fp16 end to end: padding changes kernel blocking, so allow a few fp16 ulps on the unit vector.
            Assert.True(MaxAbsDiff(single[0].Vector.Span, batch[i].Vector.Span) <= 2e-3f);
        }
    }
}
