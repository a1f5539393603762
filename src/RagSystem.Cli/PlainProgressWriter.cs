using RagSystem.Ingestion;

namespace RagSystem.Cli;

/// <summary>Progress for logs and pipes: one line per settled file that changed something, and a heartbeat
/// every few seconds, so CI logs show movement without thousands of "unchanged" lines.</summary>
internal sealed class PlainProgressWriter(TextWriter writer) : IProgress<IngestionProgress>
{
    private readonly Lock _gate = new();
    private DateTime _lastLine = DateTime.MinValue;

    public void Report(IngestionProgress value)
    {
        lock (_gate)
        {
            var now = DateTime.UtcNow;
            var last = value.FilesDone == value.FilesTotal;
            if (value.Outcome is (DocumentOutcome.Unchanged or DocumentOutcome.UnchangedFailed) && !last && now - _lastLine < TimeSpan.FromSeconds(5)) return;
            _lastLine = now;
            var percent = value.FilesTotal == 0 ? 100 : 100 * value.FilesDone / value.FilesTotal;
            writer.WriteLine($"[{value.FilesDone,5}/{value.FilesTotal}] {percent,3}%  {OutcomeName(value.Outcome),-9} {value.CurrentFile}");
        }
    }

    /// <summary>The outcome as the README and <c>--json</c> spell it (<c>unchanged-failed</c>).</summary>
    internal static string OutcomeName(DocumentOutcome outcome) =>
        outcome == DocumentOutcome.UnchangedFailed ? "unchanged-failed" : outcome.ToString().ToLowerInvariant();
}
