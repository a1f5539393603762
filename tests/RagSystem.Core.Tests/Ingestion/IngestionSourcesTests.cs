using System.Text;
using RagSystem.Ingestion;
using RagSystem.Storage;
using RagSystem.Testing;

namespace RagSystem.Core.Tests.Ingestion;

public sealed class IngestionSourcesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DocumentInput Upload(string name, string text, params string[] tags) =>
        DocumentInput.FromStream(name, new MemoryStream(Encoding.UTF8.GetBytes(text)), tags);

    [Fact]
    public async Task Uploaded_documents_are_stored_with_their_tags_and_nothing_else_is_deleted()
    {
        using var fixture = new PipelineFixture();
        using var folder = new TempDirectory();
        folder.WriteFile("a.md", "# A\n\nAttention weights pick the tokens that matter.");
        Assert.Equal(1, (await fixture.Pipeline.SyncFolderAsync(folder.Path, cancellationToken: Ct)).Added);

        var report = await fixture.Pipeline.IngestAsync([Upload("notes/kv.md", "# KV\n\nThe KV cache keeps keys and values.", "team")],
            new IngestionRunOptions { Source = "uploads" }, cancellationToken: Ct);

        Assert.Equal((1, 0), (report.Added, report.Removed));
        var docs = await fixture.Store.ListDocumentsAsync(Ct);
        Assert.Equal(["a.md", "notes/kv.md"], docs.Select(d => d.Path));
        var uploaded = docs.Single(d => d.Path == "notes/kv.md");
        Assert.Equal(["team"], uploaded.Tags);
        Assert.Equal(SourceDocumentIds.For("uploads", "notes/kv.md"), uploaded.Id);
    }

    [Fact]
    public async Task A_folder_sync_removes_only_its_own_vanished_documents_never_another_sources()
    {
        using var fixture = new PipelineFixture();
        using var folder = new TempDirectory();
        folder.WriteFile("a.md", "# A\n\nAttention weights pick the tokens that matter.");
        var gone = folder.WriteFile("b.md", "# B\n\nBeam search keeps several candidates.");
        await fixture.Pipeline.SyncFolderAsync(folder.Path, cancellationToken: Ct);
        // The same name in another source is another document, not a replacement of the folder's a.md.
        await fixture.Pipeline.IngestAsync([Upload("a.md", "# Uploaded\n\nAn uploaded note about sampling.")], new IngestionRunOptions { Source = "uploads" }, cancellationToken: Ct);
        using var other = new TempDirectory();
        other.WriteFile("c.md", "# C\n\nChunking splits documents into passages.");
        await fixture.Pipeline.SyncFolderAsync(other.Path, new IngestionRunOptions { Source = "other" }, cancellationToken: Ct);
        Assert.Equal(4, (await fixture.Store.ListDocumentsAsync(Ct)).Count);

        File.Delete(gone);
        var report = await fixture.Pipeline.SyncFolderAsync(folder.Path, cancellationToken: Ct);

        Assert.Equal((1, 1), (report.Removed, report.Unchanged));
        var left = await fixture.Store.ListDocumentsAsync(Ct);
        Assert.Equal(3, left.Count);
        Assert.Contains(left, d => d.Id == SourceDocumentIds.For("uploads", "a.md"));
        Assert.Contains(left, d => d.Id == SourceDocumentIds.For("other", "c.md"));
        Assert.DoesNotContain(left, d => d.Path == "b.md");
    }

    [Fact]
    public async Task The_default_source_keeps_the_path_ids_written_before_sources_existed()
    {
        Assert.Equal(DocumentIds.ForPath("guides/setup.md"), SourceDocumentIds.For(SourceDocumentIds.DefaultSource, "guides/setup.md"));
        Assert.NotEqual(DocumentIds.ForPath("guides/setup.md"), SourceDocumentIds.For("uploads", "guides/setup.md"));
        using var fixture = new PipelineFixture();
        using var folder = new TempDirectory();
        folder.WriteFile("guides/setup.md", "# Setup\n\nInstall the models first.");
        await fixture.Pipeline.SyncFolderAsync(folder.Path, cancellationToken: Ct);
        Assert.Equal(DocumentIds.ForPath("guides/setup.md"), Assert.Single(await fixture.Store.ListDocumentsAsync(Ct)).Id);
    }

    [Fact]
    public async Task Uploading_the_same_bytes_again_writes_nothing_and_changed_bytes_replace_the_document()
    {
        using var fixture = new PipelineFixture();
        var options = new IngestionRunOptions { Source = "uploads" };
        await fixture.Pipeline.IngestAsync([Upload("a.md", "# A\n\nFirst version.")], options, cancellationToken: Ct);
        var same = await fixture.Pipeline.IngestAsync([Upload("a.md", "# A\n\nFirst version.")], options, cancellationToken: Ct);
        var changed = await fixture.Pipeline.IngestAsync([Upload("a.md", "# A\n\nSecond version, with more words.")], options, cancellationToken: Ct);
        Assert.Equal((0, 1), (same.Added, same.Unchanged));
        Assert.Equal(1, changed.Updated);
        var chunks = await fixture.Store.GetChunksAsync(SourceDocumentIds.For("uploads", "a.md"), Ct);
        Assert.Contains("Second version", Assert.Single(chunks).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_inputs_with_one_name_are_refused_as_invalid_input()
    {
        using var fixture = new PipelineFixture();
        var error = await Assert.ThrowsAsync<RagException>(() => fixture.Pipeline.IngestAsync([Upload("a.md", "one"), Upload("./a.md", "two")], cancellationToken: Ct));
        Assert.Equal(RagErrorKind.InvalidInput, error.ErrorKind);
    }

    [Fact]
    public async Task An_upload_over_the_size_limit_is_refused_without_reading_it_whole()
    {
        using var fixture = new PipelineFixture(maxFileBytes: 1000);
        // A stream that cannot tell its length up front: the limit must be enforced while reading.
        var big = new UnseekableStream(new MemoryStream(Encoding.UTF8.GetBytes(new string('x', 5000))));
        var report = await fixture.Pipeline.IngestAsync([DocumentInput.FromStream("big.txt", big)], cancellationToken: Ct);
        Assert.Equal(RagSystem.Documents.DocumentFailureKind.TooLarge, Assert.Single(report.Failed).Kind);
        Assert.True(big.BytesRead < 5000, $"read {big.BytesRead} bytes of an oversized upload");
    }

    [Fact]
    public async Task Cancelling_a_sync_stops_it_and_removes_nothing()
    {
        using var fixture = new PipelineFixture();
        using var folder = new TempDirectory();
        folder.WriteFile("a.md", "# A\n\nAttention.");
        await fixture.Pipeline.SyncFolderAsync(folder.Path, cancellationToken: Ct);
        File.Delete(Path.Combine(folder.Path, "a.md"));
        folder.WriteFile("stuck.slow", "this reader never finishes");
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fixture.Pipeline.SyncFolderAsync(folder.Path, cancellationToken: cancel.Token));
        Assert.Single(await fixture.Store.ListDocumentsAsync(Ct));
    }
}
