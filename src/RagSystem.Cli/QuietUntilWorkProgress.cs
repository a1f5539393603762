using RagSystem.Ingestion;

namespace RagSystem.Cli;

/// <summary>Ingestion progress for <c>rag ask --docs</c>: silent while every file is unchanged (the common case),
/// and a line per file once something actually has to be read and embedded.</summary>
internal sealed class QuietUntilWorkProgress(TextWriter writer) : IProgress<IngestionProgress>
{
    private readonly Lock _gate = new();

    public void Report(IngestionProgress value)
    {
        if (value.Outcome is DocumentOutcome.Unchanged or DocumentOutcome.UnchangedFailed) return;
        lock (_gate) writer.WriteLine($"indexing [{value.FilesDone}/{value.FilesTotal}] {PlainProgressWriter.OutcomeName(value.Outcome)} {value.CurrentFile}");
    }
}
