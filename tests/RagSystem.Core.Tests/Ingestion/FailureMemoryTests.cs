using RagSystem.Documents;
using RagSystem.Ingestion;
using RagSystem.Storage;
using RagSystem.Testing;

namespace RagSystem.Core.Tests.Ingestion;

public sealed class FailureMemoryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_file_that_timed_out_is_not_parsed_again_until_its_bytes_change_or_a_retry_is_asked()
    {
        // Only the never-finishing file in this folder: a short time limit must not catch a cold parser on a busy machine.
        using var fixture = new PipelineFixture(TimeSpan.FromMilliseconds(200));
        using var folder = new TempDirectory();
        var slow = folder.WriteFile("big.slow", "version one");

        var first = await fixture.Pipeline.SyncFolderAsync(folder.Path, cancellationToken: Ct);
        Assert.Equal(DocumentFailureKind.Timeout, Assert.Single(first.Failed).Kind);
        var remembered = Assert.Single(await fixture.Store.ListFailuresAsync(Ct));
        Assert.Equal(("big.slow", DocumentFailureKind.Timeout), (remembered.Path, remembered.Kind));

        var outcomes = new List<DocumentOutcome>();
        var second = await fixture.Pipeline.SyncFolderAsync(folder.Path, progress: new SynchronousProgress<IngestionProgress>(p => outcomes.Add(p.Outcome)), cancellationToken: Ct);
        Assert.Empty(second.Failed);
        var skipped = Assert.Single(second.UnchangedFailed);
        Assert.Equal(("big.slow", DocumentFailureKind.Timeout), (skipped.Path, skipped.Kind));
        Assert.Contains(DocumentOutcome.UnchangedFailed, outcomes);
        Assert.Equal(1, fixture.SlowReader.Calls);

        var retried = await fixture.Pipeline.SyncFolderAsync(folder.Path, new IngestionRunOptions { RetryFailed = true }, cancellationToken: Ct);
        Assert.Single(retried.Failed);
        Assert.Equal(2, fixture.SlowReader.Calls);

        File.WriteAllText(slow, "version two");
        var changed = await fixture.Pipeline.SyncFolderAsync(folder.Path, cancellationToken: Ct);
        Assert.Single(changed.Failed);
        Assert.Equal(3, fixture.SlowReader.Calls);
    }

    [Fact]
    public async Task Hostile_path_found_by_the_walk_is_reported_without_opening_it_recorded_and_reported_again()
    {
        if (OperatingSystem.IsWindows()) Assert.Skip("FIFOs are a Unix case");
        using var fixture = new PipelineFixture();
        using var folder = new TempDirectory();
        folder.WriteFile("a.md", "# A\n\nAttention.");
        // Opening a FIFO blocks until a writer appears: the run finishing at all shows the input was never opened.
        HostileFiles.MakeFifo(Path.Combine(folder.Path, "pipe.txt"));

        var first = await fixture.Pipeline.SyncFolderAsync(folder.Path, cancellationToken: Ct);
        var failed = Assert.Single(first.Failed);
        Assert.Equal(("pipe.txt", DocumentFailureKind.Unreadable), (failed.Path, failed.Kind));
        Assert.Contains("not a regular file", failed.Reason, StringComparison.Ordinal);
        var remembered = Assert.Single(await fixture.Store.ListFailuresAsync(Ct));
        Assert.Equal(("pipe.txt", DocumentFailureKind.Unreadable), (remembered.Path, remembered.Kind));

        // No bytes were read, so nothing can match "the same bytes": it is reported again, not skipped as unchanged-failed.
        var second = await fixture.Pipeline.SyncFolderAsync(folder.Path, cancellationToken: Ct);
        Assert.Equal("pipe.txt", Assert.Single(second.Failed).Path);
        Assert.Empty(second.UnchangedFailed);
        Assert.Single(await fixture.Store.ListDocumentsAsync(Ct));
    }

    [Fact]
    public async Task The_failure_of_a_vanished_file_is_forgotten()
    {
        using var fixture = new PipelineFixture();
        using var folder = new TempDirectory();
        folder.WriteFile("a.md", "# A\n\nAttention.");
        var broken = folder.WriteFile("broken.pdf", "%PDF-1.7\nthis is not really a pdf");
        var first = await fixture.Pipeline.SyncFolderAsync(folder.Path, cancellationToken: Ct);
        Assert.Single(first.Failed);
        Assert.Single(await fixture.Store.ListFailuresAsync(Ct));

        File.Delete(broken);
        var second = await fixture.Pipeline.SyncFolderAsync(folder.Path, cancellationToken: Ct);
        Assert.Empty(second.UnchangedFailed);
        Assert.Equal(0, second.Removed);
        Assert.Empty(await fixture.Store.ListFailuresAsync(Ct));
        Assert.Single(await fixture.Store.ListDocumentsAsync(Ct));
    }

    [Fact]
    public async Task A_failed_new_version_keeps_the_stored_one_and_is_remembered_until_fixed()
    {
        using var fixture = new PipelineFixture();
        using var folder = new TempDirectory();
        var file = folder.WriteFile("a.md", "# A\n\nThe first version is fine.");
        await fixture.Pipeline.SyncFolderAsync(folder.Path, cancellationToken: Ct);
        File.WriteAllBytes(file, [0xFF, 0x00, 0xFE, 0x00, 0x01, 0x02, 0x00, 0x00]);
        var broken = await fixture.Pipeline.SyncFolderAsync(folder.Path, cancellationToken: Ct);
        Assert.Single(broken.Failed);
        var again = await fixture.Pipeline.SyncFolderAsync(folder.Path, cancellationToken: Ct);
        Assert.Single(again.UnchangedFailed);
        Assert.Equal("a.md", Assert.Single(await fixture.Store.ListDocumentsAsync(Ct)).Path);

        File.WriteAllText(file, "# A\n\nThe fixed version.");
        var fixedRun = await fixture.Pipeline.SyncFolderAsync(folder.Path, cancellationToken: Ct);
        Assert.Equal(1, fixedRun.Updated);
        Assert.Empty(await fixture.Store.ListFailuresAsync(Ct));
    }

    [Fact]
    public async Task An_upload_of_bytes_that_failed_before_is_reported_unchanged_failed()
    {
        using var fixture = new PipelineFixture(TimeSpan.FromMilliseconds(200));
        var options = new IngestionRunOptions { Source = "uploads" };
        DocumentInput Slow() => DocumentInput.FromStream("x.slow", new MemoryStream("same bytes"u8.ToArray()));
        Assert.Single((await fixture.Pipeline.IngestAsync([Slow()], options, cancellationToken: Ct)).Failed);
        Assert.Single((await fixture.Pipeline.IngestAsync([Slow()], options, cancellationToken: Ct)).UnchangedFailed);
        Assert.Equal(1, fixture.SlowReader.Calls);
        Assert.Equal(SourceDocumentIds.For("uploads", "x.slow"), Assert.Single(await fixture.Store.ListFailuresAsync(Ct)).DocumentId);
    }
}
