using System.Diagnostics;
using RagSystem.Ingestion;

namespace RagSystem.Api.Jobs;

/// <summary>Receives the pipeline's progress (from worker threads) and saves it to the job store at most every
/// <see cref="SaveInterval"/>, so a progress bar moves without a database write per file.</summary>
internal sealed class JobProgressRecorder(IngestionJob job, JobStore store) : IProgress<IngestionProgress>
{
    private static readonly TimeSpan SaveInterval = TimeSpan.FromMilliseconds(250);
    private readonly Lock _lock = new();
    private readonly Stopwatch _sinceSave = Stopwatch.StartNew();
    private IngestionJob _job = job;
    private Task _saving = Task.CompletedTask;

    /// <summary>The latest snapshot.</summary>
    public IngestionJob Current
    {
        get
        {
            lock (_lock) return _job;
        }
    }

    public void Report(IngestionProgress value)
    {
        lock (_lock)
        {
            _job = _job with { Progress = new JobProgress(value.FilesTotal, value.FilesDone, value.ChunksWritten, value.CurrentFile) };
            if (_sinceSave.Elapsed < SaveInterval || !_saving.IsCompleted) return;
            _sinceSave.Restart();
            var snapshot = _job;
            // Saved in the background: the pipeline's worker must not wait for the job database.
            _saving = Task.Run(() => store.SaveAsync(snapshot, CancellationToken.None));
        }
    }

    /// <summary>Waits for a save in flight, so the final state is written after it, never overwritten by it.</summary>
    public async Task DrainAsync()
    {
        Task saving;
        lock (_lock) saving = _saving;
        try
        {
            await saving;
        }
        catch (Exception)
        {
            // A failed progress save is superseded by the final save that follows.
        }
    }
}
