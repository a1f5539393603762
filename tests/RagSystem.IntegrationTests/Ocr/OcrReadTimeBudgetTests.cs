using RagSystem.Chunking;
using RagSystem.Documents;
using RagSystem.Ingestion;
using RagSystem.Storage;
using RagSystem.Testing;
using RagSystem.Testing.Ocr;

namespace RagSystem.IntegrationTests.Ocr;

/// <summary>A multi-page scan gets <c>Ingestion:PerOcrPageTimeout</c> per OCR page on top of <c>Ingestion:PerFileTimeout</c>:
/// under a base limit far shorter than its OCR takes it is still added, and without the allowance the same file times out.</summary>
public sealed class OcrReadTimeBudgetTests(OcrModels models, ITestOutputHelper output) : IClassFixture<OcrModels>
{
    [Fact]
    public async Task OcrPagesExtendTheReadTimeLimitOfAMultiPageScan()
    {
        if (OcrModels.MissingReason is { } reason) Assert.Skip(reason);
        var fonts = TextPageRenderer.InstalledFonts();
        if (fonts.Count == 0) Assert.Skip("needs the DejaVu fonts (Debian fonts-dejavu-core)");
        var ct = TestContext.Current.CancellationToken;
        using var docs = new TempDirectory();
        var pages = Enumerable.Range(1, 5)
            .Select(i => TextPageRenderer.Render(new TextPageSpec([$"Page {i} of the faxed contract lists delivery terms."], fonts[0], 12, 200, HeightInches: 3)).Encoded)
            .ToArray();
        var path = Path.Combine(docs.Path, "contract.tif");
        OcrImageFileTests.WriteTiff(path, pages);
        var readers = DocumentReaderRegistry.CreateDefault(ocr: models.Engine);
        // One warm read, timed: nearly all of it is OCR, and a third of it is the base limit. Decoding the small pages
        // before the first OCR page is announced takes milliseconds, far inside that base; OCR takes far longer than it.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await readers.ReadAsync(path, ct);
        var warm = clock.Elapsed;
        var basis = warm / 3;

        var allowed = await IngestAsync(docs.Path, readers, basis, TimeSpan.FromMinutes(10), ct);
        var withoutAllowance = await IngestAsync(docs.Path, readers, basis, TimeSpan.Zero, ct);

        output.WriteLine($"warm read {warm.TotalMilliseconds:0} ms, base limit {basis.TotalMilliseconds:0} ms; with allowance: " +
            $"{allowed.Added} added, {allowed.Failed.Count} failed; without: " +
            string.Join("; ", withoutAllowance.Failed.Select(f => $"{f.Kind}: {f.Reason}")));
        Assert.Empty(allowed.Failed);
        Assert.Equal(1, allowed.Added);
        // The same scan under the bare base limit: its OCR takes longer than the base, so the allowance is what saved it.
        var failure = Assert.Single(withoutAllowance.Failed);
        Assert.Equal(DocumentFailureKind.Timeout, failure.Kind);
        Assert.Contains("Ingestion:PerOcrPageTimeout", failure.Reason);
    }

    private static async Task<IngestionReport> IngestAsync(string docs, DocumentReaderRegistry readers, TimeSpan basis, TimeSpan perOcrPage,
        CancellationToken ct)
    {
        using var data = new TempDirectory();
        using var store = await SqliteChunkStore.OpenAsync(Path.Combine(data.Path, "rag.db"), cancellationToken: ct);
        var pipeline = new IngestionPipeline(store, readers, new TextChunker(WordTokenCounter.Instance), null,
            new IngestionOptions { PerFileTimeout = basis, PerOcrPageTimeout = perOcrPage });
        return await pipeline.SyncFolderAsync(docs, cancellationToken: ct);
    }
}
