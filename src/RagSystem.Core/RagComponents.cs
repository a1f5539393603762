using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using RagSystem.Answering;
using RagSystem.Chunking;
using RagSystem.Documents;
using RagSystem.Ingestion;
using RagSystem.Retrieval;
using RagSystem.Storage;

namespace RagSystem;

/// <summary>The parts of the system opened once per process: the store, the readers, and whichever models are
/// installed. A missing model is not an error: the matching feature degrades (lexical-only retrieval, extractive
/// answers) and a one-line notice says so.</summary>
public sealed class RagComponents : IAsyncDisposable
{
    private readonly ILoggerFactory _loggerFactory;

    private RagComponents(RagOptions options, ILoggerFactory loggerFactory, IChunkStore store, DocumentReaderRegistry readers, RagModels models)
    {
        Options = options;
        _loggerFactory = loggerFactory;
        Store = store;
        Readers = readers;
        Models = models;
    }

    /// <summary>The bound options.</summary>
    public RagOptions Options { get; }

    /// <summary>The chunk store.</summary>
    public IChunkStore Store { get; }

    /// <summary>The document readers.</summary>
    public DocumentReaderRegistry Readers { get; }

    /// <summary>The installed models.</summary>
    public RagModels Models { get; }

    /// <summary>One-line notices about degraded features, for the user.</summary>
    public IReadOnlyList<string> Notices => Models.Notices;

    /// <summary>Opens the store under <see cref="RagOptions.DataDirectory"/> (creating it) and loads the installed models.</summary>
    public static async Task<RagComponents> OpenAsync(RagOptions options, ILoggerFactory loggerFactory, string? pdfPassword = null, CancellationToken cancellationToken = default)
    {
        var models = RagModels.Load(options, loggerFactory);
        try
        {
            var store = await SqliteChunkStore.OpenAsync(
                Path.Combine(options.DataDirectory, SqliteStoreOptions.DefaultFileName), options.Store.Sqlite, loggerFactory.CreateLogger<SqliteChunkStore>(), cancellationToken);
            var readers = DocumentReaderRegistry.CreateDefault(new PdfReaderOptions { Password = pdfPassword }, loggerFactory);
            return new RagComponents(options, loggerFactory, store, readers, models);
        }
        catch
        {
            models.Dispose();
            throw;
        }
    }

    /// <summary>Uses <paramref name="store"/> (any kind, such as the one <c>Store:Kind</c> selects through <c>AddRagSystem</c>) and
    /// loads the installed models. The components dispose the store.</summary>
    public static Task<RagComponents> OpenAsync(RagOptions options, ILoggerFactory loggerFactory, IChunkStore store, string? pdfPassword = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        var models = RagModels.Load(options, loggerFactory);
        var readers = DocumentReaderRegistry.CreateDefault(new PdfReaderOptions { Password = pdfPassword }, loggerFactory);
        return Task.FromResult(new RagComponents(options, loggerFactory, store, readers, models));
    }

    /// <summary>A pipeline that ingests into this store with the installed embedding model.</summary>
    public IngestionPipeline CreateIngestionPipeline() =>
        new(Store, Readers, new TextChunker(Models.TokenCounter, Options.Chunking.FitTo(Models.EmbeddingMaxTokens)), Models.EmbeddingGenerator, Options.Ingestion,
            _loggerFactory.CreateLogger<IngestionPipeline>());

    /// <summary>An answerer over this store: hybrid retrieval, the reranker when installed, and the generator when
    /// <paramref name="withGenerator"/> and one is installed (extractive answers otherwise).</summary>
    public Answerer CreateAnswerer(bool withGenerator = true)
    {
        var chat = withGenerator ? Models.ChatClient : null;
        return new Answerer(CreateRetriever(), chat, Options.Answering, Models.Reranker, logger: _loggerFactory.CreateLogger<Answerer>());
    }

    /// <summary>A hybrid retriever over this store with the installed embedding model and reranker.</summary>
    public HybridRetriever CreateRetriever() =>
        new(Store, Models.EmbeddingGenerator, Models.Reranker, logger: _loggerFactory.CreateLogger<HybridRetriever>());

    public ValueTask DisposeAsync()
    {
        (Store as IDisposable)?.Dispose();
        Models.Dispose();
        return ValueTask.CompletedTask;
    }
}
