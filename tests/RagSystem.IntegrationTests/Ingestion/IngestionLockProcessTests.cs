using System.Text;
using RagSystem.Ingestion;
using RagSystem.Storage;
using RagSystem.Testing;

namespace RagSystem.IntegrationTests.Ingestion;

/// <summary>One writer per index across processes: a second <c>rag ingest</c> refuses (or queues with <c>--wait</c>),
/// each document ends up stored once, and a writer killed with SIGKILL leaves no stale lock.</summary>
public sealed class IngestionLockProcessTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Lock_held_by_another_process_makes_ingest_refuse_or_wait_with_wait()
    {
        using var docs = new TempDirectory();
        using var data = new TempDirectory();
        SyntheticCorpus.Write(docs.Path, 20);
        var held = IngestionLock.TryAcquire(data.Path);
        Assert.NotNull(held);
        try
        {
            var refused = await RagProcess.RunAsync(["ingest", docs.Path, "--data", data.Path]);
            output.WriteLine(refused.ToString());
            Assert.Equal(1, refused.ExitCode);
            var line = Assert.Single(refused.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains($"is being written by process {Environment.ProcessId}", line);
            Assert.Contains("--wait", line);

            using var waiting = RagProcess.Start(["ingest", docs.Path, "--data", data.Path, "--wait", "--json"]);
            var stdout = waiting.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            // Released only once the CLI says it waits: a fixed pause can end before a process started on a loaded
            // machine reaches the lock, and then it finds the lock free and never waits.
            var stderr = new StringBuilder();
            while (await waiting.StandardError.ReadLineAsync(TestContext.Current.CancellationToken) is { } waitLine)
            {
                stderr.AppendLine(waitLine);
                if (waitLine.Contains("waiting for process", StringComparison.Ordinal)) break;
            }
            Assert.False(waiting.HasExited, "the --wait run should still be waiting for the lock");
            held.Dispose();
            held = null;
            stderr.Append(await waiting.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken));
            await waiting.WaitForExitAsync(TestContext.Current.CancellationToken);
            var run = new RagRun(waiting.ExitCode, await stdout, stderr.ToString());
            output.WriteLine(run.ToString());
            Assert.Equal(0, run.ExitCode);
            Assert.Contains("waiting for process", run.StandardError);
            Assert.Equal(20, IngestJson.Parse(run.StandardOutput).Added);
        }
        finally
        {
            held?.Dispose();
        }
    }

    [Fact]
    public async Task Lock_lets_two_concurrent_ingests_store_each_document_once()
    {
        using var docs = new TempDirectory();
        using var data = new TempDirectory();
        SyntheticCorpus.Write(docs.Path, 150);
        var first = RagProcess.RunAsync(["ingest", docs.Path, "--data", data.Path, "--wait", "--json"]);
        var second = RagProcess.RunAsync(["ingest", docs.Path, "--data", data.Path, "--wait", "--json"]);
        var runs = await Task.WhenAll(first, second);
        foreach (var run in runs) output.WriteLine(run.ToString());
        Assert.All(runs, r => Assert.True(r.ExitCode == 0, r.ToString()));
        var reports = runs.Select(r => IngestJson.Parse(r.StandardOutput)).ToList();
        Assert.Equal(150, reports.Sum(r => r.Added));
        Assert.Equal(150, reports.Sum(r => r.Unchanged));

        using var store = await SqliteChunkStore.OpenAsync(Path.Combine(data.Path, "rag.db"), cancellationToken: TestContext.Current.CancellationToken);
        var documents = await store.ListDocumentsAsync(TestContext.Current.CancellationToken);
        Assert.Equal(150, documents.Count);
        Assert.Equal(documents.Sum(d => (long)d.ChunkCount), (await store.StatsAsync(TestContext.Current.CancellationToken)).Chunks);
    }

    [Fact]
    public async Task Lock_is_released_when_its_holder_is_killed()
    {
        using var docs = new TempDirectory();
        using var data = new TempDirectory();
        SyntheticCorpus.Write(docs.Path, 400);
        using (var victim = RagProcess.Start(["ingest", docs.Path, "--data", data.Path]))
        {
            _ = victim.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var killed = false;
            while (await victim.StandardError.ReadLineAsync(TestContext.Current.CancellationToken) is { } line)
            {
                if (!line.StartsWith('[')) continue; // a progress line: the lock is held and work is under way
                victim.Kill(entireProcessTree: true);
                killed = true;
                break;
            }
            await victim.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.True(killed, "the ingestion finished before it could be killed");
        }

        var next = await RagProcess.RunAsync(["ingest", docs.Path, "--data", data.Path, "--json"]);
        output.WriteLine(next.ToString());
        Assert.True(next.ExitCode == 0, next.ToString());
        var report = IngestJson.Parse(next.StandardOutput);
        Assert.Equal(400, report.Added + report.Unchanged);
    }
}
