using RagSystem.Storage;
using RagSystem.Testing;
using Xunit.Sdk;

namespace RagSystem.IntegrationTests.Ingestion;

/// <summary>A real <c>rag ingest</c> process killed with SIGKILL mid-run leaves every document fully old or fully
/// new; the next run finishes the job and ends in the same state as a clean run.</summary>
public sealed class CrashSafetyTests(ITestOutputHelper output)
{
    private const int Documents = 600;

    [Fact]
    public async Task Killed_ingestion_leaves_no_half_written_document_and_a_rerun_equals_a_clean_run()
    {
        using var folder = new TempDirectory();
        using var crashed = new TempDirectory();
        using var clean = new TempDirectory();
        SyntheticCorpus.Write(folder.Path, Documents);

        // Kill at several depths: early, middle, late.
        var kills = 0;
        foreach (var killAfter in new[] { 40, 220, 450 })
        {
            var settled = await RunAndKillAsync(folder.Path, crashed.Path, killAfter);
            if (settled >= 0) kills++;
            output.WriteLine($"killed after {settled} settled files (target {killAfter})");
            await AssertConsistentAsync(crashed.Path);
        }
        Assert.True(kills >= 2, "the ingestion finished before it could be killed; make the corpus larger");

        var resumed = await RagProcess.RunAsync(["ingest", folder.Path, "--data", crashed.Path, "--json"]);
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        var report = IngestJson.Parse(resumed.StandardOutput);
        output.WriteLine($"resume: {report.Raw}");
        Assert.Equal(Documents, report.Added + report.Unchanged);
        Assert.Equal(0, report.Failed);

        var fresh = await RagProcess.RunAsync(["ingest", folder.Path, "--data", clean.Path, "--json"]);
        Assert.True(fresh.ExitCode == 0, fresh.ToString());
        Assert.Equal(await FingerprintAsync(clean.Path), await FingerprintAsync(crashed.Path));
    }

    /// <summary>Starts ingestion and SIGKILLs it once <paramref name="killAfter"/> files have settled.
    /// Returns how many had settled, or -1 when the process finished first.</summary>
    private static async Task<int> RunAndKillAsync(string folder, string data, int killAfter)
    {
        using var process = RagProcess.Start(["ingest", folder, "--data", data]);
        _ = process.StandardOutput.ReadToEndAsync();
        var settled = 0;
        while (await process.StandardError.ReadLineAsync() is { } line)
        {
            // Plain progress lines look like "[  123/600]  20%  added ...".
            var close = line.IndexOf('/');
            if (!line.StartsWith('[') || close < 0 || !int.TryParse(line.AsSpan(1, close - 1).Trim(), out settled)) continue;
            if (settled < killAfter) continue;
            process.Kill(entireProcessTree: true); // SIGKILL on Unix: no chance to clean up
            await process.WaitForExitAsync();
            return settled;
        }
        await process.WaitForExitAsync();
        return -1;
    }

    private static async Task AssertConsistentAsync(string data)
    {
        using var store = await SqliteChunkStore.OpenAsync(Path.Combine(data, "rag.db"));
        var docs = await store.ListDocumentsAsync();
        var total = 0L;
        foreach (var d in docs)
        {
            var chunks = await store.GetChunksAsync(d.Id);
            Assert.Equal(d.ChunkCount, chunks.Count);
            Assert.Equal(Enumerable.Range(0, chunks.Count), chunks.Select(c => c.Ordinal));
            Assert.All(chunks, c => Assert.Equal(DocumentIds.ChunkId(d.Id, d.ContentHash, c.Ordinal), c.Id));
            total += chunks.Count;
        }
        var stats = await store.StatsAsync();
        Assert.Equal(total, stats.Chunks); // no orphaned or duplicated chunk outside a document
        // Every stored document is searchable by its own marker word exactly once per chunk that holds it.
        foreach (var d in docs.Take(20))
        {
            var marker = $"marker{int.Parse(Path.GetFileNameWithoutExtension(d.Path)[3..])}x";
            var hits = await store.SearchAsync(SearchRequest.Lexical(marker, 10));
            Assert.Single(hits);
        }
    }

    private static async Task<string> FingerprintAsync(string data)
    {
        using var store = await SqliteChunkStore.OpenAsync(Path.Combine(data, "rag.db"));
        var lines = new List<string>();
        foreach (var d in await store.ListDocumentsAsync())
        {
            lines.Add($"{d.Id} {d.Path} {d.ContentHash} {d.ChunkCount}");
            foreach (var c in await store.GetChunksAsync(d.Id)) lines.Add($"  {c.Id} {c.Start} {c.Length} {c.Text.GetHashCode(StringComparison.Ordinal)}");
        }
        return string.Join('\n', lines);
    }
}
