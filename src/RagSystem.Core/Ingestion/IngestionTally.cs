namespace RagSystem.Ingestion;

/// <summary>Counts outcomes as files settle on several threads, and reports progress in settle order.</summary>
internal sealed class IngestionTally(int filesTotal, IProgress<IngestionProgress>? progress)
{
    private readonly Lock _gate = new();
    private readonly List<IngestionFailure> _failures = [];
    private readonly List<IngestionFailure> _unchangedFailures = [];
    private int _added, _updated, _unchanged, _done, _chunks;

    public void Settle(string path, DocumentOutcome outcome, int chunks, IngestionFailure? failure = null)
    {
        lock (_gate)
        {
            switch (outcome)
            {
                case DocumentOutcome.Added: _added++; break;
                case DocumentOutcome.Updated: _updated++; break;
                case DocumentOutcome.Unchanged: _unchanged++; break;
                case DocumentOutcome.Failed: _failures.Add(failure!); break;
                case DocumentOutcome.UnchangedFailed: _unchangedFailures.Add(failure!); break;
            }
            _done++;
            _chunks += chunks;
            progress?.Report(new IngestionProgress(filesTotal, _done, _chunks, path, outcome));
        }
    }

    public IngestionReport ToReport(int removed, TimeSpan elapsed, string? embeddingModel)
    {
        lock (_gate)
        {
            return new IngestionReport
            {
                Added = _added,
                Updated = _updated,
                Unchanged = _unchanged,
                Removed = removed,
                Failed = [.. _failures.OrderBy(f => f.Path, StringComparer.Ordinal)],
                UnchangedFailed = [.. _unchangedFailures.OrderBy(f => f.Path, StringComparer.Ordinal)],
                Chunks = _chunks,
                Elapsed = elapsed,
                EmbeddingModel = embeddingModel,
            };
        }
    }
}
