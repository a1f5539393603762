using System.Diagnostics;
using Grpc.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using RagSystem.Qdrant;
using RagSystem.Storage;

namespace RagSystem.Core.Tests.Storage.Qdrant;

/// <summary>Retries and errors of the Qdrant store's calls.</summary>
public sealed class QdrantCallRunnerStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(StatusCode.Unavailable, true)]
    [InlineData(StatusCode.DeadlineExceeded, true)]
    [InlineData(StatusCode.InvalidArgument, false)]
    [InlineData(StatusCode.NotFound, false)]
    [InlineData(StatusCode.Unauthenticated, false)]
    public void Only_transient_statuses_are_retried(StatusCode status, bool transient) =>
        Assert.Equal(transient, QdrantCallRunner.IsTransient(status));

    [Fact]
    public async Task Transient_failures_are_retried_with_growing_backoff_until_success()
    {
        var runner = new QdrantCallRunner(new QdrantStoreOptions { RetryBackoff = TimeSpan.FromMilliseconds(20), MaxRetries = 4 }, NullLogger.Instance);
        var attempts = new List<long>();
        var clock = Stopwatch.StartNew();

        var result = await runner.RunAsync("test", (_, _) =>
        {
            attempts.Add(clock.ElapsedMilliseconds);
            if (attempts.Count < 3) throw new RpcException(new Status(attempts.Count == 1 ? StatusCode.Unavailable : StatusCode.DeadlineExceeded, "down"));
            return Task.FromResult(42);
        }, Ct);

        Assert.Equal(42, result);
        Assert.Equal(3, attempts.Count);
        // Waits of 20 then 40 ms (doubling): a lower bound only, since a loaded machine can only make them longer.
        Assert.True(attempts[2] >= 55, $"attempts at {string.Join(", ", attempts)} ms");
    }

    [Fact]
    public async Task An_invalid_argument_is_reported_at_once_without_retrying()
    {
        var runner = new QdrantCallRunner(new QdrantStoreOptions { RetryBackoff = TimeSpan.FromMilliseconds(1) }, NullLogger.Instance);
        var attempts = 0;

        var ex = await Assert.ThrowsAsync<RagException>(() => runner.RunAsync<int>("writing points", (_, _) =>
        {
            attempts++;
            throw new RpcException(new Status(StatusCode.InvalidArgument, "Wrong input: vector dimension error"));
        }, Ct));

        Assert.Equal(1, attempts);
        Assert.Equal(RagErrorKind.InvalidInput, ex.ErrorKind);
        Assert.Equal("Qdrant refused writing points: Wrong input: vector dimension error", ex.Message);
    }

    [Fact]
    public async Task An_unreachable_Qdrant_store_fails_as_unavailable_within_the_configured_timeout()
    {
        // A real socket to a port nothing listens on (no fake server): the connection is refused.
        using var store = QdrantChunkStore.Create(new QdrantStoreOptions { Url = "http://127.0.0.1:9", Timeout = TimeSpan.FromSeconds(2) });
        var clock = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<RagException>(() => store.ListDocumentsAsync(Ct));

        Assert.Equal(RagErrorKind.Unavailable, ex.ErrorKind);
        Assert.StartsWith("Qdrant at http://127.0.0.1:9 did not answer", ex.Message);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(4));
    }

    [Fact]
    public void Creating_the_Qdrant_store_contacts_nothing_and_checks_its_settings()
    {
        using var store = QdrantChunkStore.Create(new QdrantStoreOptions { Url = "http://127.0.0.1:9" });
        Assert.True(store.Capabilities.FusesHybrid);
        Assert.Throws<RagConfigurationException>(() => QdrantChunkStore.Create(new QdrantStoreOptions { Url = "localhost:6334" }));
        Assert.Throws<RagConfigurationException>(() => QdrantChunkStore.Create(new QdrantStoreOptions { ShardNumber = 0 }));
    }

    [Fact]
    public void The_composition_root_selects_the_Qdrant_store_by_Store_Kind()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Store:Kind"] = "qdrant",
            ["Store:Qdrant:Url"] = "http://127.0.0.1:9",
            ["Store:Qdrant:Collection"] = "mine",
        }).Build();
        var services = new ServiceCollection();
        services.AddRagSystem(configuration).AddQdrantStore();
        using var provider = services.BuildServiceProvider();

        var store = provider.GetRequiredService<IChunkStore>();

        Assert.IsType<QdrantChunkStore>(store);
    }
}
