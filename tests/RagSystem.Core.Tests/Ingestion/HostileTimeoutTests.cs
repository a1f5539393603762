using System.Diagnostics;
using System.Text;
using RagSystem.Chunking;
using RagSystem.Documents;
using RagSystem.Ingestion;
using RagSystem.Storage;
using RagSystem.Testing;

namespace RagSystem.Core.Tests.Ingestion;

[Collection(QuietProcessCollection.Name)]
public sealed class HostileTimeoutTests(ITestOutputHelper output)
{
    private const int Files = 20;

    [Fact]
    public async Task Hostile_timed_out_parses_stop_instead_of_leaving_busy_threads()
    {
        var ct = TestContext.Current.CancellationToken;
        using var docs = new TempDirectory("rag-timeouts");
        using var data = new TempDirectory("rag-timeouts-data");
        // Many short paragraphs: seconds of splitting and joining per file unless the reader notices its time is up.
        var text = new StringBuilder(4 << 20);
        for (var i = 0; text.Length < 4 << 20; i++) text.Append("line ").Append(i).Append("\nmore ").Append(i).Append("\n\n");
        for (var i = 0; i < Files; i++) await File.WriteAllTextAsync(Path.Combine(docs.Path, $"big{i:D2}.txt"), $"file {i}\n\n{text}", ct);

        using var store = await SqliteChunkStore.OpenAsync(Path.Combine(data.Path, "rag.db"), cancellationToken: ct);
        var pipeline = new IngestionPipeline(store, DocumentReaderRegistry.CreateDefault(), new TextChunker(WordTokenCounter.Instance), null,
            new IngestionOptions { PerFileTimeout = TimeSpan.FromMilliseconds(1), ParallelReaders = 2 });
        using var self = Process.GetCurrentProcess();
        var threadsBefore = self.Threads.Count;

        var report = await pipeline.RunAsync(docs.Path, cancellationToken: ct);

        Assert.Equal(Files, report.Failed.Count);
        Assert.All(report.Failed, f => Assert.Equal(DocumentFailureKind.Timeout, f.Kind));
        await Task.Delay(1000, ct);
        // Collect the run's garbage first, so the window below measures work, not the collector.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        self.Refresh();
        var cpuBefore = self.TotalProcessorTime;
        await Task.Delay(2000, ct);
        self.Refresh();
        var busy = self.TotalProcessorTime - cpuBefore;
        output.WriteLine($"threads before {threadsBefore}, after {self.Threads.Count}; CPU used in the 2 s after the run: {busy.TotalMilliseconds:0} ms");
        // Twenty abandoned parses would keep both cores busy for seconds; stopped ones leave the process idle.
        Assert.True(busy < TimeSpan.FromMilliseconds(400), $"{busy.TotalMilliseconds:0} ms of CPU after the run: timed-out parses are still running");
    }
}
