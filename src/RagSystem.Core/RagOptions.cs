using RagSystem.Answering;
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

    /// <summary>Embedded SQLite store settings.</summary>
    public SqliteStoreOptions Store { get; set; } = new();

    /// <summary>The embedding model folder: <c>&lt;models&gt;/embedding</c>.</summary>
    public string EmbeddingModelDirectory => Path.Combine(ModelsDirectory, "embedding");

    /// <summary>The generator model folder: <c>&lt;models&gt;/generator</c>.</summary>
    public string GeneratorModelDirectory => Path.Combine(ModelsDirectory, "generator");

    /// <summary>The reranker model folder: <c>&lt;models&gt;/reranker</c>.</summary>
    public string RerankerModelDirectory => Path.Combine(ModelsDirectory, "reranker");

    private static string DefaultModelsDirectory()
    {
        var env = Environment.GetEnvironmentVariable("RAG_MODELS_DIR");
        if (!string.IsNullOrEmpty(env)) return env;
        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".rag", "models");
    }
}
