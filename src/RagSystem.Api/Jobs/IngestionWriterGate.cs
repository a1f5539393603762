using RagSystem.Ingestion;

namespace RagSystem.Api.Jobs;

/// <summary>One writer at a time, within this service and across processes: ingestion jobs, uploads ingested before the
/// reply and document deletes enter this gate, which first takes the in-process turn and then the index's
/// <see cref="IngestionLock"/> (<c>&lt;data&gt;/ingest.lock</c>, the lock <c>rag ingest</c> takes). Both are held only
/// while that one writer writes and are released together, so a <c>rag ingest</c> from a shell can run between two jobs,
/// and a second service on the same data folder proceeds once this one lets go.</summary>
public sealed class IngestionWriterGate(RagOptions options) : IDisposable
{
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly Lock _heldLock = new();
    private IngestionLock? _held;
    private bool _disposed;
    // The other process that the writer holding the turn waits for, so that a request queued behind it can name it.
    private volatile string? _turnHolderWaitsFor;

    /// <summary>Waits, as long as it takes, for the in-process turn and then for the index lock; dispose the result to
    /// release both.</summary>
    /// <param name="onWaitingForAnotherProcess">Called once, with a description of the holder ("process 1234 (since …)"),
    /// when another process holds the index lock; the wait goes on after the returned task completes.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    public async Task<IDisposable> EnterAsync(Func<string, Task>? onWaitingForAnotherProcess, CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken);
        try
        {
            var notice = Task.CompletedTask;
            IngestionLock fileLock;
            try
            {
                fileLock = await IngestionLock.AcquireAsync(options.DataDirectory, wait: true, holder =>
                {
                    _turnHolderWaitsFor = holder;
                    notice = onWaitingForAnotherProcess?.Invoke(holder) ?? Task.CompletedTask;
                }, cancellationToken);
            }
            finally
            {
                _turnHolderWaitsFor = null;
            }
            try
            {
                await notice;
            }
            catch
            {
                fileLock.Dispose();
                throw;
            }
            lock (_heldLock)
            {
                if (_disposed)
                {
                    fileLock.Dispose();
                    throw new ObjectDisposedException(nameof(IngestionWriterGate));
                }
                _held = fileLock;
            }
            return new Release(this);
        }
        catch
        {
            _turn.Release();
            throw;
        }
    }

    /// <summary>Waits as long as it takes (see <see cref="EnterAsync(Func{string, Task}?, CancellationToken)"/>).</summary>
    public Task<IDisposable> EnterAsync(CancellationToken cancellationToken) => EnterAsync(null, cancellationToken);

    /// <summary>Waits at most <paramref name="wait"/> for the gate, for a request that should not hang behind a long
    /// ingestion.</summary>
    /// <exception cref="IngestionWriterBusyException">The gate was not free within <paramref name="wait"/> (503 with
    /// <c>Retry-After</c>); its message names the other writer.</exception>
    public async Task<IDisposable> EnterWithinAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        string? otherProcess = null;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(wait);
        try
        {
            return await EnterAsync(holder =>
            {
                otherProcess = holder;
                return Task.CompletedTask;
            }, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new IngestionWriterBusyException(otherProcess ?? _turnHolderWaitsFor, wait);
        }
    }

    /// <summary>Releases a lock still held (a host stopping while a writer is inside), then the turn.</summary>
    public void Dispose()
    {
        lock (_heldLock)
        {
            _disposed = true;
            _held?.Dispose();
            _held = null;
            _turn.Dispose();
        }
    }

    private void Leave()
    {
        lock (_heldLock)
        {
            _held?.Dispose();
            _held = null;
            if (!_disposed) _turn.Release();
        }
    }

    private sealed class Release(IngestionWriterGate gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) gate.Leave();
        }
    }
}
