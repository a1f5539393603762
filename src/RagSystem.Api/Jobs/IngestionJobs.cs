using System.Collections.Concurrent;
using System.Threading.Channels;

namespace RagSystem.Api.Jobs;

/// <summary>The job API's side of the queue: submits, lists and cancels jobs. <see cref="IngestionJobRunner"/> is the one
/// consumer that runs them, in order.</summary>
public sealed class IngestionJobs(JobStore store)
{
    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _running = new(StringComparer.Ordinal);

    /// <summary>Job ids in submission order, for the runner.</summary>
    internal ChannelReader<string> Queue => _queue.Reader;

    /// <summary>The persistent store.</summary>
    public JobStore Store => store;

    /// <summary>Stores and queues a job.</summary>
    public async Task<IngestionJob> SubmitAsync(IngestionJob job, CancellationToken cancellationToken)
    {
        await store.AddAsync(job, cancellationToken);
        await _queue.Writer.WriteAsync(job.Id, cancellationToken);
        return job;
    }

    /// <summary>Queues a stored job again (resume after a restart).</summary>
    internal ValueTask RequeueAsync(string id, CancellationToken cancellationToken) => _queue.Writer.WriteAsync(id, cancellationToken);

    /// <summary>A job by id, or null.</summary>
    public Task<IngestionJob?> GetAsync(string id, CancellationToken cancellationToken) => store.GetAsync(id, cancellationToken);

    /// <summary>Cancels a job: a queued one at once, a running one at its next step. Returns the job as it now stands, or
    /// null when there is no such job.</summary>
    /// <exception cref="RagException">The job has already finished (<see cref="RagErrorKind.Conflict"/>).</exception>
    public async Task<IngestionJob?> CancelAsync(string id, CancellationToken cancellationToken)
    {
        var job = await store.GetAsync(id, cancellationToken);
        if (job is null) return null;
        if (job.IsFinished)
            throw new RagException(RagErrorKind.Conflict, $"Job {id} has already {job.State.ToString().ToLowerInvariant()}; only queued or running jobs can be cancelled.");
        if (_running.TryGetValue(id, out var running))
        {
            await running.CancelAsync();
            return job;
        }
        var cancelled = job with { State = JobState.Cancelled, FinishedUtc = DateTimeOffset.UtcNow };
        await store.SaveAsync(cancelled, cancellationToken);
        return cancelled;
    }

    /// <summary>Registers the running job's cancellation, for <see cref="CancelAsync"/>.</summary>
    internal void MarkRunning(string id, CancellationTokenSource cancellation) => _running[id] = cancellation;

    /// <summary>Forgets the running job's cancellation.</summary>
    internal void MarkStopped(string id) => _running.TryRemove(id, out _);
}
