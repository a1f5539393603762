using System.Text.Json;
using RagSystem.Api.Diagnostics;
using RagSystem.Diagnostics;
using RagSystem.Ingestion;

namespace RagSystem.Api.Jobs;

/// <summary>Runs ingestion jobs one at a time, in submission order. Each job holds the <see cref="IngestionWriterGate"/>
/// (and with it the index's cross-process <c>ingest.lock</c>) while it runs and releases it when it ends; a job that finds
/// the lock held by another process (<c>rag ingest</c>) stays queued with a <see cref="IngestionJob.Message"/> naming that
/// process, and starts when it is free. At start it queues again every job that was queued or
/// running when the process stopped: ingestion skips what is already stored (by content hash) and replaces documents
/// atomically, so a resumed job finishes with no duplicate and no missing chunk.</summary>
public sealed class IngestionJobRunner(IngestionJobs jobs, IngestionJobExecutor executor, IngestionWriterGate writer, RagApiMetrics metrics,
    ILogger<IngestionJobRunner> logger) : BackgroundService
{
    /// <inheritdoc />
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Before any request can submit a job, so that a new job is never queued twice (once by the submit, once as "unfinished").
        foreach (var unfinished in await jobs.Store.ListUnfinishedAsync(cancellationToken))
        {
            logger.LogInformation("Resuming ingestion job {Id} ({Path}), last {State}", unfinished.Id, unfinished.Path, unfinished.State);
            await jobs.Store.SaveAsync(unfinished with { State = JobState.Queued, Message = null }, cancellationToken);
            await jobs.RequeueAsync(unfinished.Id, cancellationToken);
        }
        await base.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var id in jobs.Queue.ReadAllAsync(stoppingToken))
        {
            using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            jobs.MarkRunning(id, cancellation);
            try
            {
                var job = await jobs.Store.GetAsync(id, stoppingToken);
                if (job is null || job.IsFinished) continue;
                using (await writer.EnterAsync(holder => WaitingForAsync(job, holder, stoppingToken), cancellation.Token))
                {
                    await RunAsync(job, cancellation.Token, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                // Cancelled while waiting for the writer: nothing ran.
                if (await jobs.Store.GetAsync(id, stoppingToken) is { } job)
                    await jobs.Store.SaveAsync(job with { State = JobState.Cancelled, FinishedUtc = DateTimeOffset.UtcNow, Message = null }, stoppingToken);
            }
            finally
            {
                jobs.MarkStopped(id);
            }
        }
    }

    private async Task WaitingForAsync(IngestionJob job, string holder, CancellationToken stoppingToken)
    {
        logger.LogInformation("Ingestion job {Id} waits for another writer, {Holder}, to release {Lock}", job.Id, holder, IngestionLock.FileName);
        try
        {
            await jobs.Store.SaveAsync(job with { Message = $"waiting for another writer, {holder}, to release the index lock ({IngestionLock.FileName})" },
                stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The status line is a courtesy; failing to save it must not stop the job (or the runner) from waiting its turn.
            logger.LogWarning(ex, "Could not save the waiting status of ingestion job {Id}", job.Id);
        }
    }

    private async Task RunAsync(IngestionJob job, CancellationToken cancellationToken, CancellationToken stoppingToken)
    {
        using var activity = RagTelemetry.Source.StartActivity("rag.ingestion.job");
        activity?.SetTag("rag.job.id", job.Id);
        activity?.SetTag("rag.job.kind", job.Kind.ToString());
        job = job with { State = JobState.Running, StartedUtc = DateTimeOffset.UtcNow, Runs = job.Runs + 1, Progress = JobProgress.None, Message = null };
        await jobs.Store.SaveAsync(job, stoppingToken);
        logger.LogInformation("Ingestion job {Id} started: {Kind} {Path} (run {Run})", job.Id, job.Kind, job.Path, job.Runs);
        var progress = new JobProgressRecorder(job, jobs.Store);
        IngestionJob final;
        try
        {
            var report = await executor.ExecuteAsync(job, progress, cancellationToken);
            var settled = report.Added + report.Updated + report.Unchanged + report.Failed.Count + report.UnchangedFailed.Count;
            metrics.IngestedDocuments.Add(settled);
            if (report.Elapsed.TotalSeconds > 0) metrics.IngestedDocumentsPerSecond.Record(settled / report.Elapsed.TotalSeconds);
            final = progress.Current with
            {
                State = JobState.Succeeded,
                Counts = new JobCounts(report.Added, report.Updated, report.Unchanged, report.Removed, report.Failed.Count, report.UnchangedFailed.Count, report.Chunks,
                    Math.Round(report.Elapsed.TotalMilliseconds, 1)),
                Failures = report.Failed.Concat(report.UnchangedFailed).Select(f => new JobFailure(f.Path, JsonNamingPolicy.SnakeCaseLower.ConvertName(f.Kind.ToString()), f.Reason)).ToList(),
            };
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping: the job stays "running" in the database and resumes at the next start.
            await progress.DrainAsync();
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            final = progress.Current with { State = JobState.Cancelled };
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Ingestion job {Id} failed", job.Id);
            final = progress.Current with { State = JobState.Failed, Error = ex is RagException or IOException or UnauthorizedAccessException ? ex.Message : $"unexpected error: {ex.Message}" };
        }
        await progress.DrainAsync();
        final = final with { FinishedUtc = DateTimeOffset.UtcNow };
        await jobs.Store.SaveAsync(final, stoppingToken);
        logger.LogInformation("Ingestion job {Id} {State}", job.Id, final.State);
    }
}
