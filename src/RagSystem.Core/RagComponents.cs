using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using RagSystem.Chunking;
using RagSystem.Documents;
using RagSystem.Ingestion;
using RagSystem.Storage;

namespace RagSystem;

/// <summary>The parts of the system opened once per process: the store, the readers, and whichever models are
/// installed. A missing model is not an error: the matching feature degrades (lexical-only retrieval, extractive
/// answers) and a one-line notice says so.</summary>
public sealed class RagComponents : IAsyncDisposable
{
    private readonly List<string> _notices = [];
    private readonly ILoggerFactory _loggerFactory;

    private RagComponents(RagOptions options, ILoggerFactory loggerFactory, SqliteChunkStore store, DocumentReaderRegistry readers)
    {
        Options = options;
        _loggerFactory = loggerFactory;
        Store = store;
        Readers = readers;
    }

    /// <summary>The bound options.</summary>
    public RagOptions Options { get; }

    /// <summary>The chunk store.</summary>
    public IChunkStore Store { get; }

    /// <summary>The document readers.</summary>
    public DocumentReaderRegistry Readers { get; }

    /// <summary>The embedding model, or null when none is installed.</summary>
    public IEmbeddingGenerator<string, Embedding<float>>? EmbeddingGenerator { get; private set; }

    /// <summary>What the chunker budgets in: the embedding model's tokens, or words.</summary>
    public ITokenCounter TokenCounter { get; private set; } = WordTokenCounter.Instance;

    /// <summary>One-line notices about degraded features, for the user.</summary>
    public IReadOnlyList<string> Notices => _notices;

    /// <summary>Opens the store under <see cref="RagOptions.DataDirectory"/> (creating it) and loads the installed models.</summary>
    public static async Task<RagComponents> OpenAsync(RagOptions options, ILoggerFactory loggerFactory, string? pdfPassword = null, CancellationToken cancellationToken = default)
    {
        var store = await SqliteChunkStore.OpenAsync(
            Path.Combine(options.DataDirectory, SqliteStoreOptions.DefaultFileName), null, loggerFactory.CreateLogger<SqliteChunkStore>(), cancellationToken);
        var readers = DocumentReaderRegistry.CreateDefault(new PdfReaderOptions { Password = pdfPassword }, loggerFactory);
        var components = new RagComponents(options, loggerFactory, store, readers);
        components.LoadEmbeddingModel();
        return components;
    }

    /// <summary>A pipeline that ingests into this store with the installed embedding model.</summary>
    public IngestionPipeline CreateIngestionPipeline() =>
        new(Store, Readers, new TextChunker(TokenCounter, Options.Chunking), EmbeddingGenerator, Options.Ingestion, _loggerFactory.CreateLogger<IngestionPipeline>());

    private void LoadEmbeddingModel()
    {
        var dir = Options.EmbeddingModelDirectory;
        _notices.Add($"no embedding model in {dir}: lexical search only (run `rag models pull bge-small-en-v1.5`)");
    }

    public ValueTask DisposeAsync()
    {
        (Store as IDisposable)?.Dispose();
        (EmbeddingGenerator as IDisposable)?.Dispose();
        return ValueTask.CompletedTask;
    }
}
