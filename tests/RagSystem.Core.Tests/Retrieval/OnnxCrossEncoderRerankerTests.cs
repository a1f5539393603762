using RagSystem.Core.Tests.Onnx;
using RagSystem.Retrieval;
using RagSystem.Storage;
using RagSystem.Testing;
using RagSystem.Testing.Onnx;
using RagSystem.Tokenization;

namespace RagSystem.Core.Tests.Retrieval;

public sealed class OnnxCrossEncoderRerankerTests : IDisposable
{
    private const string Query = "what does attention do in a transformer?";

    private static readonly string[] Passages =
    [
        "Attention lets every token look at every other token.",
        "The cat sat on the mat.",
        "Rust memory safety comes from the borrow checker.",
        "Hello world",
        "A transformer language model is a stack of attention and feed forward layers.",
        "Cancer risk study results.",
    ];

    private readonly TempDirectory _temp = new();

    private static IReadOnlyList<RetrievedChunk> Candidates(IEnumerable<string> passages) =>
        passages.Select((text, i) => new RetrievedChunk(
            new ChunkRecord(Guid.NewGuid(), $"doc{i}", 0, text, 8, null, null, [], 0, text.Length, null, null),
            $"doc{i}.md", Score: 1.0 / (i + 1), LexicalScore: 1.0)).ToList();

    [Fact]
    public async Task ScoresEqualADirectRunAndOrderFollowsScores()
    {
        var modelPath = TinyModelFolder.WriteCrossEncoder(_temp.Path);
        using var reranker = new OnnxCrossEncoderReranker(_temp.Path, new CrossEncoderOptions { BatchSize = 4 });
        var tokenizer = WordPieceTokenizerLoader.Load(_temp.Path);
        var candidates = Candidates(Passages);

        var reranked = await reranker.RerankAsync(Query, candidates, TestContext.Current.CancellationToken);

        Assert.Equal(Passages.Length, reranked.Count);
        Assert.Equal(candidates.Select(c => c.Chunk.Id).Order(), reranked.Select(c => c.Chunk.Id).Order());
        foreach (var chunk in reranked)
        {
            var q = tokenizer.EncodeToIds(Query, addSpecialTokens: false);
            var p = tokenizer.EncodeToIds(chunk.Chunk.Text, addSpecialTokens: false);
            int[] ids = [tokenizer.ClassificationTokenId, .. q, tokenizer.SeparatorTokenId, .. p, tokenizer.SeparatorTokenId];
            var direct = DirectEncoderRun.Run(modelPath, ids, TinyCrossEncoderModel.OutputName, secondSegmentStart: q.Count + 2)[0];
            Assert.Equal(direct, chunk.RerankScore!.Value, 5);
            Assert.Equal(chunk.RerankScore, chunk.Score);
            Assert.Equal(1.0, chunk.LexicalScore);
        }
        Assert.Equal(reranked.Select(c => c.Score).OrderDescending(), reranked.Select(c => c.Score));
        Assert.True(reranked.Select(c => c.Score).Distinct().Count() > 1, "different pairs must score differently");
    }

    [Fact]
    public async Task LongPassagesAreCutToFitTheModel()
    {
        var modelPath = TinyModelFolder.WriteCrossEncoder(_temp.Path, new TinyModelFolderOptions { Model = new TinyBertOptions { MaxPositions = 16 } });
        using var reranker = new OnnxCrossEncoderReranker(_temp.Path);
        var tokenizer = WordPieceTokenizerLoader.Load(_temp.Path);
        var longPassage = string.Join(' ', Enumerable.Repeat("the cat sat on the mat", 40));

        var reranked = await reranker.RerankAsync("hello world", Candidates([longPassage, "hello"]), TestContext.Current.CancellationToken);

        // [CLS] hello world [SEP] + 11 passage tokens + [SEP] = 16
        var p = tokenizer.EncodeToIds(longPassage, addSpecialTokens: false).Take(11);
        var q = tokenizer.EncodeToIds("hello world", addSpecialTokens: false);
        int[] ids = [tokenizer.ClassificationTokenId, .. q, tokenizer.SeparatorTokenId, .. p, tokenizer.SeparatorTokenId];
        var direct = DirectEncoderRun.Run(modelPath, ids, TinyCrossEncoderModel.OutputName, secondSegmentStart: 4)[0];
        Assert.Equal(16, reranker.MaxTokens);
        Assert.Equal(direct, reranked.Single(c => c.Chunk.Text == longPassage).RerankScore!.Value, 5);
    }

    [Fact]
    public async Task EmptyCandidatesGiveAnEmptyList()
    {
        TinyModelFolder.WriteCrossEncoder(_temp.Path);
        using var reranker = new OnnxCrossEncoderReranker(_temp.Path);
        Assert.Empty(await reranker.RerankAsync(Query, [], TestContext.Current.CancellationToken));
    }

    [Fact]
    public void TryCreateExplainsAnAbsentFolder()
    {
        Assert.Null(OnnxCrossEncoderReranker.TryCreate(Path.Combine(_temp.Path, "absent"), out var reason));
        Assert.Contains("does not exist", reason);
    }

    [Fact]
    public void AnEncoderWithoutAScoreHeadIsRejected()
    {
        TinyModelFolder.WriteEncoder(_temp.Path);
        var error = Assert.Throws<RagSystem.Onnx.OnnxModelLoadException>(() => new OnnxCrossEncoderReranker(_temp.Path));
        Assert.Contains("last_hidden_state", error.Message);
    }

    public void Dispose() => _temp.Dispose();
}
