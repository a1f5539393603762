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
    public async Task Hostile_text_reader_stops_soon_after_its_token_is_cancelled()
    {
        var text = new StringBuilder(32 << 20);
        for (var i = 0; text.Length < 32 << 20; i++) text.Append("line ").Append(i).Append("\nmore ").Append(i).Append("\n\n");
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        var reader = new PlainTextReader();

        var full = Stopwatch.StartNew();
        await reader.ReadAsync(new MemoryStream(bytes), "big.txt", TestContext.Current.CancellationToken);
        full.Stop();
        // Cancelled once the bytes are in and decoding is done, in the middle of splitting paragraphs.
        var after = full.Elapsed / 5;
        using var cancel = new CancellationTokenSource(after);
        var stopped = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reader.ReadAsync(new MemoryStream(bytes), "big.txt", cancel.Token));
        stopped.Stop();

        output.WriteLine($"full read {full.ElapsedMilliseconds} ms, cancelled after {after.TotalMilliseconds:0} ms and stopped at {stopped.ElapsedMilliseconds} ms");
        // Measured in the same run: a reader that ignored its token would take the whole parse.
        Assert.True(stopped.Elapsed < full.Elapsed * 0.6, $"stopped after {stopped.ElapsedMilliseconds} ms; a full read takes {full.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Hostile_timed_out_parses_stop_instead_of_leaving_busy_threads()
    {
        var ct = TestContext.Current.CancellationToken;
        using var docs = new TempDirectory("rag-timeouts");
        using var data = new TempDirectory("rag-timeouts-data");
        // Many short paragraphs: seconds of splitting and joining per file unless the reader notices its time is up.
        var text = new StringBuilder(8 << 20);
        for (var i = 0; text.Length < 8 << 20; i++) text.Append("line ").Append(i).Append("\nmore ").Append(i).Append("\n\n");
        for (var i = 0; i < Files; i++) await File.WriteAllTextAsync(Path.Combine(docs.Path, $"big{i:D2}.txt"), $"file {i}\n\n{text}", ct);

        using var store = await SqliteChunkStore.OpenAsync(Path.Combine(data.Path, "rag.db"), cancellationToken: ct);
        var pipeline = new IngestionPipeline(store, DocumentReaderRegistry.CreateDefault(), new TextChunker(WordTokenCounter.Instance), null,
            new IngestionOptions { PerFileTimeout = TimeSpan.FromMilliseconds(1), ParallelReaders = 2 });
        using var self = Process.GetCurrentProcess();
        var threadsBefore = self.Threads.Count;

        var report = await pipeline.SyncFolderAsync(docs.Path, cancellationToken: ct);

        Assert.Equal(Files, report.Failed.Count);
        Assert.All(report.Failed, f => Assert.Equal(DocumentFailureKind.Timeout, f.Kind));
        // A reader that ignored its cancelled token would still be parsing seconds from now.
        var clock = Stopwatch.StartNew();
        while (DocumentPreparer.AbandonedParsesRunning > 0 && clock.Elapsed < TimeSpan.FromSeconds(0.5)) await Task.Delay(20, ct);
        self.Refresh();
        output.WriteLine($"threads before {threadsBefore}, after {self.Threads.Count}; timed-out parses still running after {clock.ElapsedMilliseconds} ms: {DocumentPreparer.AbandonedParsesRunning}");
        Assert.Equal(0, DocumentPreparer.AbandonedParsesRunning);
    }
}
