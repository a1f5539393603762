using RagSystem.Answering;
using RagSystem.Documents;
using RagSystem.Chunking;
using RagSystem.Generation;
using RagSystem.Embeddings;
using RagSystem.Storage;
using RagSystem.Ingestion;
using RagSystem.Onnx;
using RagSystem.Retrieval;

namespace RagSystem;

/// <summary>The whole configuration tree, bound from <c>appsettings.json</c>, <c>RAG__*</c> environment
/// variables and CLI flags. Every default is listed in the README's configuration table.</summary>
public sealed class RagOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Rag";

    /// <summary>Where the store and state live. Default: <c>$RAG_DATA_DIR</c>, else <c>./.rag</c>.</summary>
    public string DataDirectory { get; set; } = Environment.GetEnvironmentVariable("RAG_DATA_DIR") is { Length: > 0 } d ? d : ".rag";

    /// <summary>Model folders root: <c>embedding/</c>, <c>generator/</c>, <c>reranker/</c> beneath it.
    /// Default: <c>$RAG_MODELS_DIR</c>, else <c>~/.rag/models</c>.</summary>
    public string ModelsDirectory { get; set; } = DefaultModelsDirectory();

    /// <summary>Chunk sizes.</summary>
    public ChunkingOptions Chunking { get; set; } = new();

    /// <summary>ONNX Runtime session settings.</summary>
    public OnnxRuntimeOptions Onnx { get; set; } = new();

    /// <summary>Ingestion limits.</summary>
    public IngestionOptions Ingestion { get; set; } = new();

    /// <summary>Retrieval defaults.</summary>
    public RetrievalOptions Retrieval { get; set; } = new();

    /// <summary>Embedding model settings (batch size, pooling and prefix overrides).</summary>
    public EmbeddingModelOptions Embedding { get; set; } = new();

    /// <summary>Cross-encoder reranker settings.</summary>
    public CrossEncoderOptions Reranker { get; set; } = new();

    /// <summary>Local language model settings (max new tokens, sampling, chat template override).</summary>
    public GeneratorOptions Generator { get; set; } = new();

    /// <summary>Answering thresholds and budgets (not-found evidence threshold, answer budget).</summary>
    public AnswererOptions Answering { get; set; } = new();

    /// <summary>Which store holds the index (<c>Store:Kind</c>) and its settings.</summary>
    public StoreOptions Store { get; set; } = new();

    /// <summary>PDF reading settings (the password tried on encrypted files).</summary>
    public PdfReaderOptions Pdf { get; set; } = new();

    /// <summary>OCR for scanned PDF pages and image files (model folder, detector size, thresholds).</summary>
    public Ocr.OcrOptions Ocr { get; set; } = new();

    /// <summary>The embedding model folder: <c>&lt;models&gt;/embedding</c>.</summary>
    public string EmbeddingModelDirectory => Path.Combine(ModelsDirectory, "embedding");

    /// <summary>The generator model folder: <c>&lt;models&gt;/generator</c>.</summary>
    public string GeneratorModelDirectory => Path.Combine(ModelsDirectory, "generator");

    /// <summary>The reranker model folder: <c>&lt;models&gt;/reranker</c>.</summary>
    public string RerankerModelDirectory => Path.Combine(ModelsDirectory, "reranker");

    /// <summary>Checks the settings that would otherwise fail deep inside a run, and names the offending key.</summary>
    /// <exception cref="RagConfigurationException">A value is out of range.</exception>
    public void Validate()
    {
        if (Chunking.MaxTokens < 8) throw new RagConfigurationException($"Chunking:MaxTokens is {Chunking.MaxTokens}; it must be at least 8.");
        if (Chunking.OverlapTokens < 0 || Chunking.OverlapTokens >= Chunking.MaxTokens)
            throw new RagConfigurationException($"Chunking:OverlapTokens is {Chunking.OverlapTokens}; it must be between 0 and Chunking:MaxTokens - 1 ({Chunking.MaxTokens - 1}).");
        if (Ingestion.MaxFileBytes <= 0) throw new RagConfigurationException("Ingestion:MaxFileBytes must be positive.");
        if (Ingestion.PerFileTimeout <= TimeSpan.Zero) throw new RagConfigurationException("Ingestion:PerFileTimeout must be positive (for example 00:02:00).");
        if (Ingestion.EmbeddingBatchSize < 1 || Ingestion.ChannelCapacity < 1 || Ingestion.ParallelReaders < 1)
            throw new RagConfigurationException("Ingestion:EmbeddingBatchSize, Ingestion:ChannelCapacity and Ingestion:ParallelReaders must be at least 1.");
        if (Retrieval.Top < 1 || Retrieval.CandidatesPerSide < 1 || Retrieval.RrfK < 1)
            throw new RagConfigurationException("Retrieval:Top, Retrieval:CandidatesPerSide and Retrieval:RrfK must be at least 1.");
        if (Generator.MaxConcurrentGenerations < 1)
            throw new RagConfigurationException($"Generator:MaxConcurrentGenerations is {Generator.MaxConcurrentGenerations}; it must be at least 1.");
        if (string.IsNullOrWhiteSpace(Store.Kind)) throw new RagConfigurationException("Store:Kind is empty; use sqlite (the default) or qdrant.");
        if (Store.Sqlite.QuantizeAboveChunks < 0)
            throw new RagConfigurationException($"Store:Sqlite:QuantizeAboveChunks is {Store.Sqlite.QuantizeAboveChunks}; it must be 0 or more (0 quantizes every store; Store:Sqlite:DenseQuantization=off never does).");
        if (Store.Sqlite.QuantizedOversampling is < 1 or > 100)
            throw new RagConfigurationException($"Store:Sqlite:QuantizedOversampling is {Store.Sqlite.QuantizedOversampling}; it must be between 1 and 100 (candidates re-scored per result).");
        if (!Enum.IsDefined(Store.Sqlite.DenseQuantization))
            throw new RagConfigurationException($"Store:Sqlite:DenseQuantization is {(int)Store.Sqlite.DenseQuantization}; use auto, off or int8.");
        if (Retrieval.LexicalWeight < 0 || Retrieval.DenseWeight < 0 || Retrieval.LexicalWeight + Retrieval.DenseWeight == 0)
            throw new RagConfigurationException("Retrieval:LexicalWeight and Retrieval:DenseWeight must be non-negative and not both 0.");
        if (Ingestion.PerOcrPageTimeout < TimeSpan.Zero)
            throw new RagConfigurationException("Ingestion:PerOcrPageTimeout must be zero or positive (for example 00:01:00).");
        Ocr.Validate();
    }

    private static string DefaultModelsDirectory()
    {
        var env = Environment.GetEnvironmentVariable("RAG_MODELS_DIR");
        if (!string.IsNullOrEmpty(env)) return env;
        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".rag", "models");
    }
}
