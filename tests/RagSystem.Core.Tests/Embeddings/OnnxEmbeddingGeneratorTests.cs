using Microsoft.Extensions.AI;
using RagSystem.Core.Tests.Onnx;
using RagSystem.Embeddings;
using RagSystem.Testing;
using RagSystem.Testing.Onnx;
using RagSystem.Tokenization;

namespace RagSystem.Core.Tests.Embeddings;

public sealed class OnnxEmbeddingGeneratorTests : IDisposable
{
    private static readonly string[] Texts =
    [
        "The cat sat on the mat.",
        "Hello world",
        "What does attention do in a transformer language model and why does it matter for retrieval?",
        "Rust memory safety",
        "A quick brown fox jumps over the lazy dog while the cat sat on the mat in the sun.",
        "Query",
        "Cancer risk study: results of the blood data from patients.",
    ];

    private readonly TempDirectory _temp = new();

    private string Folder(TinyModelFolderOptions? options = null, string name = "tiny")
    {
        var folder = Path.Combine(_temp.Path, name);
        TinyModelFolder.WriteEncoder(folder, options);
        return folder;
    }

    private static async Task<float[][]> EmbedAsync(OnnxEmbeddingGenerator generator, IEnumerable<string> texts, bool query = false)
    {
        var options = new EmbeddingGenerationOptions { AdditionalProperties = new() };
        options.AdditionalProperties[EmbeddingInputKind.PropertyName] = query ? EmbeddingInputKind.Query : EmbeddingInputKind.Passage;
        var result = await generator.GenerateAsync(texts, options, TestContext.Current.CancellationToken);
        return result.Select(e => e.Vector.ToArray()).ToArray();
    }

    private static float MaxAbsDiff(float[] a, float[] b) => a.Zip(b, (x, y) => Math.Abs(x - y)).Max();

    [Fact]
    public async Task PaddedBatchEqualsSingleInputsInInputOrder()
    {
        using var generator = new OnnxEmbeddingGenerator(Folder(), new EmbeddingModelOptions { BatchSize = 3 });
        var shuffled = Texts.OrderBy(t => t.GetHashCode(StringComparison.Ordinal) % 7).Concat(Texts.Reverse()).ToArray();

        var batch = await EmbedAsync(generator, shuffled);

        Assert.Equal(shuffled.Length, batch.Length);
        for (var i = 0; i < shuffled.Length; i++)
        {
            var single = (await EmbedAsync(generator, [shuffled[i]]))[0];
            Assert.True(MaxAbsDiff(single, batch[i]) <= 1e-5f, $"text {i}: max |diff| {MaxAbsDiff(single, batch[i])}");
        }
        Assert.True(MaxAbsDiff(batch[0], batch[1]) > 1e-3f, "different texts must give different vectors");
    }

    [Fact]
    public async Task VectorsAreUnitLengthWithTheModelsDimensions()
    {
        using var generator = new OnnxEmbeddingGenerator(Folder());

        var vectors = await EmbedAsync(generator, Texts);

        Assert.Equal(32, generator.Dimensions);
        Assert.All(vectors, v => Assert.Equal(1.0, Math.Sqrt(v.Sum(x => (double)x * x)), 5));
        Assert.Equal("tiny/bert", generator.Metadata.DefaultModelId);
        Assert.Equal(32, generator.Metadata.DefaultModelDimensions);
    }

    [Theory]
    [InlineData("mean")]
    [InlineData("cls")]
    public async Task PoolingFollowsSentenceTransformersConfigAndMatchesADirectRun(string pooling)
    {
        var folder = Folder(new TinyModelFolderOptions { SentenceTransformersPooling = pooling });
        using var generator = new OnnxEmbeddingGenerator(folder);
        var ids = WordPieceTokenizerLoader.Load(folder).EncodeToIds(Texts[2]).ToArray();

        var vector = (await EmbedAsync(generator, [Texts[2]]))[0];

        var hidden = DirectEncoderRun.Run(generator.Folder.ModelPath, ids, TinyBertModel.OutputName);
        var expected = DirectEncoderRun.Pool(hidden, 32, cls: pooling == "cls");
        Assert.Equal(pooling == "cls" ? EmbeddingPooling.Cls : EmbeddingPooling.Mean, generator.Profile.Pooling);
        Assert.True(MaxAbsDiff(expected, vector) <= 1e-5f, $"max |diff| {MaxAbsDiff(expected, vector)}");
        var other = DirectEncoderRun.Pool(hidden, 32, cls: pooling != "cls");
        Assert.True(MaxAbsDiff(other, vector) > 1e-2f, "CLS and mean pooling must differ");
    }

    [Fact]
    public async Task RagModelHintOverridesAndOptionsOverrideTheHint()
    {
        var folder = Folder(new TinyModelFolderOptions { SentenceTransformersPooling = "mean", RagModelJson = """{"pooling":"cls","normalize":false}""" });
        using var fromHint = new OnnxEmbeddingGenerator(folder);
        using var fromOptions = new OnnxEmbeddingGenerator(folder, new EmbeddingModelOptions { Pooling = EmbeddingPooling.Mean, Normalize = true });

        Assert.Equal(EmbeddingPooling.Cls, fromHint.Profile.Pooling);
        var raw = (await EmbedAsync(fromHint, [Texts[0]]))[0];
        Assert.NotEqual(1.0, Math.Sqrt(raw.Sum(x => (double)x * x)), 3);
        Assert.Equal(EmbeddingPooling.Mean, fromOptions.Profile.Pooling);
        Assert.True(fromOptions.Profile.Normalize);
    }

    [Fact]
    public async Task QueryPrefixChangesOnlyQueries()
    {
        var folder = Folder(new TinyModelFolderOptions { RagModelJson = """{"query_prefix":"query: "}""" });
        using var generator = new OnnxEmbeddingGenerator(folder);

        var asQuery = (await EmbedAsync(generator, [Texts[3]], query: true))[0];
        var asPassage = (await EmbedAsync(generator, [Texts[3]]))[0];
        var prefixedPassage = (await EmbedAsync(generator, ["query: " + Texts[3]]))[0];

        Assert.True(MaxAbsDiff(asQuery, asPassage) > 1e-3f, "the query prefix must change the vector");
        Assert.True(MaxAbsDiff(asQuery, prefixedPassage) <= 1e-6f);
    }

    [Fact]
    public async Task InputsLongerThanTheModelAreTruncated()
    {
        var folder = Folder(new TinyModelFolderOptions { Model = new TinyBertOptions { MaxPositions = 16 } });
        using var generator = new OnnxEmbeddingGenerator(folder);
        var words = string.Join(' ', Enumerable.Repeat("hello world", 30));
        var first14 = string.Join(' ', Enumerable.Repeat("hello world", 7));

        var vectors = await EmbedAsync(generator, [words, first14]);

        Assert.Equal(16, generator.Profile.MaxTokens);
        Assert.True(MaxAbsDiff(vectors[0], vectors[1]) <= 1e-6f);
    }

    [Fact]
    public async Task Float16ModelWithoutTokenTypesGivesVectorsCloseToFloat32()
    {
        var fp16 = Folder(new TinyModelFolderOptions { Model = new TinyBertOptions { Float16 = true, HasTokenTypeIds = false } }, "fp16");
        var fp32 = Folder(new TinyModelFolderOptions { Model = new TinyBertOptions { HasTokenTypeIds = false } }, "fp32");
        using var half = new OnnxEmbeddingGenerator(fp16);
        using var full = new OnnxEmbeddingGenerator(fp32);

        var a = await EmbedAsync(half, Texts);
        var b = await EmbedAsync(full, Texts);

        Assert.EndsWith("model_fp16.onnx", half.Folder.ModelPath);
        for (var i = 0; i < Texts.Length; i++)
        {
            Assert.Equal(1.0, Math.Sqrt(a[i].Sum(x => (double)x * x)), 4);
            Assert.True(a[i].Zip(b[i], (x, y) => x * y).Sum() > 0.99f, $"text {i}: fp16 and fp32 vectors diverge");
        }
    }

    [Fact]
    public void TryCreateExplainsWhatIsMissing()
    {
        Assert.Null(OnnxEmbeddingGenerator.TryCreate(Path.Combine(_temp.Path, "absent"), out var reason));
        Assert.Contains("does not exist", reason);

        var empty = Directory.CreateDirectory(Path.Combine(_temp.Path, "empty")).FullName;
        Assert.Null(OnnxEmbeddingGenerator.TryCreate(empty, out reason));
        Assert.Contains("no .onnx file", reason);

        var noTokenizer = Folder(new TinyModelFolderOptions { WriteVocabTxt = false, WriteTokenizerJson = false }, "no-tokenizer");
        Assert.Null(OnnxEmbeddingGenerator.TryCreate(noTokenizer, out reason));
        Assert.Contains("tokenizer", reason);

        using var generator = OnnxEmbeddingGenerator.TryCreate(Folder(new TinyModelFolderOptions { UnderOnnxFolder = false }, "flat"), out reason);
        Assert.NotNull(generator);
        Assert.Null(reason);
    }

    [Fact]
    public async Task CancelledCallThrows()
    {
        using var generator = new OnnxEmbeddingGenerator(Folder());
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => generator.GenerateAsync(Texts, cancellationToken: cts.Token));
    }

    public void Dispose() => _temp.Dispose();
}
