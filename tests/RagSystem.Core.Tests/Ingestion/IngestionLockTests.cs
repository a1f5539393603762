using RagSystem.Ingestion;
using RagSystem.Testing;

namespace RagSystem.Core.Tests.Ingestion;

public sealed class IngestionLockTests
{
    [Fact]
    public async Task Lock_is_exclusive_until_released_and_a_waiter_gets_it_then()
    {
        using var data = new TempDirectory();
        var first = IngestionLock.TryAcquire(data.Path);
        Assert.NotNull(first);
        Assert.Null(IngestionLock.TryAcquire(data.Path));
        var refused = await Assert.ThrowsAsync<IngestionLockedException>(() => IngestionLock.AcquireAsync(data.Path, wait: false, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains($"process {Environment.ProcessId}", refused.Message);
        Assert.Contains("--wait", refused.Message);

        string? waitedFor = null;
        var waiter = IngestionLock.AcquireAsync(data.Path, wait: true, holder => waitedFor = holder, TestContext.Current.CancellationToken);
        await Task.Delay(500, TestContext.Current.CancellationToken);
        Assert.False(waiter.IsCompleted);
        Assert.NotNull(waitedFor);
        first.Dispose();
        using var second = await waiter.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.True(File.Exists(second.Path));
    }
}
