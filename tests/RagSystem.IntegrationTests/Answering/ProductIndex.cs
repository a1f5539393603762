using RagSystem.Chunking;
using RagSystem.Documents;
using RagSystem.Ingestion;
using RagSystem.Retrieval;
using RagSystem.Storage;
using RagSystem.Testing;

namespace RagSystem.IntegrationTests.Answering;

/// <summary>A folder ingested the way <c>rag ingest</c> does it without models: the default readers, the
/// <see cref="TextChunker"/> with its default budget, a <see cref="SqliteChunkStore"/> in a temporary folder, and a
/// lexical <see cref="HybridRetriever"/> over it.</summary>
internal sealed class ProductIndex(SqliteChunkStore store, TempDirectory data) : IDisposable
{
    public HybridRetriever Retriever { get; } = new(store);

    public static async Task<ProductIndex> BuildAsync(string folder, CancellationToken cancellationToken)
    {
        var data = new TempDirectory();
        var store = await SqliteChunkStore.OpenAsync(Path.Combine(data.Path, SqliteStoreOptions.DefaultFileName), cancellationToken: cancellationToken);
        var pipeline = new IngestionPipeline(store, DocumentReaderRegistry.CreateDefault(), new TextChunker(WordTokenCounter.Instance), null);
        var report = await pipeline.SyncFolderAsync(folder, cancellationToken: cancellationToken);
        if (report.Failed.Count > 0) throw new InvalidOperationException($"{report.Failed.Count} files of {folder} failed to ingest");
        return new ProductIndex(store, data);
    }

    public void Dispose()
    {
        store.Dispose();
        data.Dispose();
    }
}
