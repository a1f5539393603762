using RagSystem.Chunking;
using RagSystem.Documents;
using RagSystem.Ingestion;
using RagSystem.Storage;
using RagSystem.Testing;

namespace RagSystem.Core.Tests.Ingestion;

/// <summary>A lexical-only pipeline over a fresh SQLite store, with the built-in readers plus <see cref="CountingSlowReader"/>.</summary>
internal sealed class PipelineFixture : IDisposable
{
    private readonly TempDirectory _data = new();

    public PipelineFixture(TimeSpan? perFileTimeout = null, long? maxFileBytes = null)
    {
        Store = SqliteChunkStore.Create(Path.Combine(_data.Path, "rag.db"));
        var readers = new DocumentReaderRegistry([.. DocumentReaderRegistry.CreateDefault().Readers, SlowReader]);
        var options = new IngestionOptions { PerFileTimeout = perFileTimeout ?? TimeSpan.FromSeconds(30) };
        if (maxFileBytes is { } max) options.MaxFileBytes = max;
        Pipeline = new IngestionPipeline(Store, readers, new TextChunker(RagSystem.Chunking.WordTokenCounter.Instance, new ChunkingOptions()), null, options);
    }

    public CountingSlowReader SlowReader { get; } = new();

    public SqliteChunkStore Store { get; }

    public IngestionPipeline Pipeline { get; }

    public void Dispose()
    {
        Store.Dispose();
        _data.Dispose();
    }
}
