using RagSystem.Storage;
using RagSystem.Testing;
using RagSystem.Testing.Onnx;

namespace RagSystem.IntegrationTests.Ingestion;

/// <summary>Re-running <c>rag ingest</c> touches only what changed, through the real CLI process.</summary>
public sealed class IncrementalIngestTests
{
    private static async Task<IngestJson> IngestAsync(string folder, string data, IReadOnlyDictionary<string, string>? env = null)
    {
        var run = await RagProcess.RunAsync(["ingest", folder, "--data", data, "--json"], environment: env);
        Assert.True(run.ExitCode == 0, run.ToString());
        return IngestJson.Parse(run.StandardOutput);
    }

    private static async Task<(IReadOnlyList<DocumentRecord> Docs, long Chunks)> SnapshotAsync(string data)
    {
        using var store = await SqliteChunkStore.OpenAsync(Path.Combine(data, "rag.db"));
        var docs = await store.ListDocumentsAsync();
        return (docs, (await store.StatsAsync()).Chunks);
    }

    [Fact]
    public async Task Second_run_over_the_corpus_reports_everything_unchanged_and_writes_nothing()
    {
        using var data = new TempDirectory();
        var files = Directory.GetFiles(RepositoryRoot.Corpus, "*", SearchOption.AllDirectories).Count(f => !Path.GetFileName(f).StartsWith('.') && !f.EndsWith(".jsonl", StringComparison.Ordinal));
        var first = await IngestAsync(RepositoryRoot.Corpus, data.Path);
        Assert.True(first.Added >= 6, first.Raw.ToString());
        Assert.True(first.Chunks > first.Added);
        var before = await SnapshotAsync(data.Path);

        var second = await IngestAsync(RepositoryRoot.Corpus, data.Path);
        Assert.Equal(0, second.Added + second.Updated + second.Removed + second.Chunks);
        Assert.Equal(first.Added, second.Unchanged);
        var after = await SnapshotAsync(data.Path);
        Assert.Equal(before.Chunks, after.Chunks);
        // Not one row rewritten: every document keeps the timestamp of the first run.
        Assert.Equal(before.Docs.Select(d => (d.Id, d.ContentHash, d.IngestedUtc)), after.Docs.Select(d => (d.Id, d.ContentHash, d.IngestedUtc)));
        Assert.True(files >= first.Added);
    }

    [Fact]
    public async Task Editing_one_file_re_embeds_only_that_document_and_deleting_one_removes_its_chunks()
    {
        using var folder = new TempDirectory();
        using var data = new TempDirectory();
        using var models = new TempDirectory();
        // A real (tiny, BERT-shaped) encoder built in C#, so vectors are written and re-embedding is observable.
        TinyModelFolder.WriteEncoder(Path.Combine(models.Path, "embedding"));
        var env = new Dictionary<string, string> { ["RAG_MODELS_DIR"] = models.Path };
        SyntheticCorpus.Write(folder.Path, 30);
        var first = await IngestAsync(folder.Path, data.Path, env);
        Assert.Equal(30, first.Added);
        var before = await SnapshotAsync(data.Path);

        var edited = Path.Combine(folder.Path, "part00", "doc00007.md");
        await File.AppendAllTextAsync(edited, "\n\nA new closing paragraph mentions zebracorn.\n");
        var second = await IngestAsync(folder.Path, data.Path, env);
        Assert.Equal((0, 1, 29, 0), (second.Added, second.Updated, second.Unchanged, second.Removed));
        var afterEdit = await SnapshotAsync(data.Path);
        var editedId = DocumentIds.ForPath("part00/doc00007.md");
        var changed = afterEdit.Docs.Where(d => before.Docs.Single(b => b.Id == d.Id).IngestedUtc != d.IngestedUtc).Select(d => d.Id);
        Assert.Equal([editedId], changed);
        Assert.Equal(afterEdit.Docs.Single(d => d.Id == editedId).ChunkCount, second.Chunks);

        using (var store = await SqliteChunkStore.OpenAsync(Path.Combine(data.Path, "rag.db")))
        {
            var hit = Assert.Single(await store.SearchAsync(SearchRequest.Lexical("zebracorn", 5)));
            Assert.Equal("part00/doc00007.md", hit.DocumentPath);
            var stats = await store.StatsAsync();
            Assert.Equal(stats.Chunks, stats.ChunksWithVectors);
            // The edited document's new chunks carry fresh vectors; an untouched document keeps its rows exactly.
            Assert.All(await store.GetChunksAsync(editedId, includeVectors: true), c => Assert.NotNull(c.Vector));
        }

        File.Delete(Path.Combine(folder.Path, "part00", "doc00011.md"));
        var third = await IngestAsync(folder.Path, data.Path, env);
        Assert.Equal((0, 0, 29, 1), (third.Added, third.Updated, third.Unchanged, third.Removed));
        using (var store = await SqliteChunkStore.OpenAsync(Path.Combine(data.Path, "rag.db")))
        {
            var gone = DocumentIds.ForPath("part00/doc00011.md");
            Assert.Null(await store.GetDocumentAsync(gone));
            Assert.Empty(await store.GetChunksAsync(gone));
            Assert.Empty(await store.SearchAsync(SearchRequest.Lexical("marker11x", 5)));
            Assert.Equal(before.Chunks - before.Docs.Single(d => d.Id == gone).ChunkCount + (second.Chunks - before.Docs.Single(d => d.Id == editedId).ChunkCount),
                (await store.StatsAsync()).Chunks);
        }
    }

    [Fact]
    public async Task Ingesting_a_different_folder_into_an_index_is_refused_without_replace()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();
        using var data = new TempDirectory();
        SyntheticCorpus.Write(first.Path, 3);
        SyntheticCorpus.Write(second.Path, 2, seed: 9);
        await IngestAsync(first.Path, data.Path);
        var refused = await RagProcess.RunAsync(["ingest", second.Path, "--data", data.Path, "--json"]);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("--replace", refused.StandardError);
        Assert.Equal(3, (await SnapshotAsync(data.Path)).Docs.Count);

        var replaced = await RagProcess.RunAsync(["ingest", second.Path, "--data", data.Path, "--json", "--replace"]);
        Assert.Equal(0, replaced.ExitCode);
        var report = IngestJson.Parse(replaced.StandardOutput);
        Assert.Equal((2, 0, 1), (report.Added + report.Updated, report.Unchanged, report.Removed));
    }

    [Fact]
    public async Task A_missing_folder_is_an_error_and_removes_nothing()
    {
        using var folder = new TempDirectory();
        using var data = new TempDirectory();
        SyntheticCorpus.Write(folder.Path, 3);
        await IngestAsync(folder.Path, data.Path);
        var run = await RagProcess.RunAsync(["ingest", Path.Combine(folder.Path, "nope"), "--data", data.Path, "--json"]);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("does not exist", run.StandardError);
        Assert.Equal(3, (await SnapshotAsync(data.Path)).Docs.Count);
    }
}
