using RagSystem.Retrieval;
using RagSystem.Storage;

namespace RagSystem.Evaluation;

/// <summary>Settings of a BEIR evaluation run.</summary>
public sealed class BeirEvaluationOptions
{
    /// <summary>Qrels split to evaluate. Default <c>test</c>.</summary>
    public string Split { get; set; } = "test";

    /// <summary>Retrieval settings; <see cref="RetrievalOptions.Top"/> is raised to 100 for Recall@100. Default: the defaults.</summary>
    public RetrievalOptions Retrieval { get; set; } = new();

    /// <summary>Settings of the throwaway store (tokenizer, BM25 column weights, stop-words). Default: the defaults.</summary>
    public SqliteStoreOptions Store { get; set; } = new();

    /// <summary>Creates the throwaway store, given the work folder; it must be empty, and the caller disposes (and drops) it afterwards. Default null:
    /// a SQLite store in the work folder with <see cref="Store"/>'s settings. <c>rag eval</c> sets it when <c>Store:Kind</c> is
    /// another kind, so the measured retrieval is that store's.</summary>
    public Func<string, IChunkStore>? CreateStore { get; set; }

    /// <summary>Corpus documents embedded per model call. Default 32.</summary>
    public int EmbeddingBatchSize { get; set; } = 32;

    /// <summary>Queries run at once. Default: the processor count.</summary>
    public int QueryParallelism { get; set; } = Environment.ProcessorCount;

    /// <summary>Folder for the throwaway store; a fresh folder under the system temp directory when null. It is deleted afterwards.</summary>
    public string? WorkDirectory { get; set; }
}
