using Microsoft.Extensions.AI;
using RagSystem.Embeddings;
using RagSystem.Testing;
using RagSystem.Testing.Onnx;

namespace RagSystem.Core.Tests.Embeddings;

public sealed class QueryLaneTests
{
    private static EmbeddingGenerationOptions Kind(string kind) => new() { AdditionalProperties = new() { [EmbeddingInputKind.PropertyName] = kind } };

    [Fact]
    public async Task A_query_issued_during_a_long_ingestion_batch_finishes_before_the_batch()
    {
        using var temp = new TempDirectory();
        TinyModelFolder.WriteEncoder(temp.Path);
        using var generator = new OnnxEmbeddingGenerator(temp.Path);
        using var stopBatch = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        // Far more work than the test waits for: the batch is cancelled once the query is back.
        var passages = Enumerable.Range(0, 200_000).Select(i => $"passage {i} about attention and the cat that sat on the mat in the sun").ToList();
        var batch = Task.Run(() => generator.GenerateAsync(passages, Kind(EmbeddingInputKind.Passage), stopBatch.Token));

        while (!generator.IsBulkLaneBusy && !batch.IsCompleted) await Task.Delay(5, TestContext.Current.CancellationToken);
        Assert.False(batch.IsCompleted, "the batch finished before the query could be issued; make it longer");

        // Bounded, so that a query stuck behind the batch fails the test instead of waiting for 200,000 passages.
        var query = await generator.GenerateAsync(["what does attention do?"], Kind(EmbeddingInputKind.Query), TestContext.Current.CancellationToken)
            .WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        Assert.False(batch.IsCompleted, "the query waited for the whole ingestion batch");
        Assert.Equal(generator.Dimensions, query[0].Vector.Length);
        // Same vector as when nothing else runs: the lanes do not share buffers.
        await stopBatch.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => batch);
        var alone = await generator.GenerateAsync(["what does attention do?"], Kind(EmbeddingInputKind.Query), TestContext.Current.CancellationToken);
        Assert.Equal(alone[0].Vector.ToArray(), query[0].Vector.ToArray());
    }
}
