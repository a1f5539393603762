namespace RagSystem.Models;

/// <summary>The built-in list of models <c>rag models pull</c> can fetch from Hugging Face.</summary>
/// <remarks>Hashes and sizes stay null unless known for certain: the downloader then records the SHA-256 it
/// computed in the folder's <c>.rag-download.json</c> instead of verifying against a guess.</remarks>
public static class ModelCatalog
{
    private const string Phi35Folder = "cpu_and_mobile/cpu-int4-awq-block-128-acc-level-4/";
    private const string Phi35Model = "phi-3.5-mini-instruct-cpu-int4-awq-block-128-acc-level-4.onnx";

    /// <summary>Every catalogued model, embedding models first.</summary>
    public static IReadOnlyList<ModelCatalogEntry> Entries { get; } =
    [
        new()
        {
            Name = "bge-small-en-v1.5",
            Role = ModelRole.Embedding,
            Repository = "BAAI/bge-small-en-v1.5",
            License = "MIT",
            ApproximateSize = 134_000_000,
            Description = "English embeddings, 384 dimensions, CLS pooling; small and strong on retrieval benchmarks",
            Files =
            [
                new("onnx/model.onnx"),
                new("tokenizer.json"),
                new("vocab.txt"),
                new("config.json"),
                new("tokenizer_config.json"),
                new("special_tokens_map.json"),
                new("1_Pooling/config.json"),
            ],
            HintJson = """
                {
                  "pooling": "cls",
                  "normalize": true,
                  "query_prefix": "Represent this sentence for searching relevant passages: "
                }
                """,
        },
        new()
        {
            Name = "qwen2.5-0.5b-instruct",
            Role = ModelRole.Generator,
            Repository = "onnx-community/Qwen2.5-0.5B-Instruct",
            License = "Apache-2.0",
            ApproximateSize = 786_000_000,
            Description = "Small chat model (0.5B parameters, 4-bit weights); quick answers on a laptop CPU",
            Files =
            [
                new("onnx/model_q4.onnx"),
                new("config.json"),
                new("generation_config.json"),
                new("tokenizer.json"),
                new("tokenizer_config.json"),
            ],
        },
        new()
        {
            Name = "phi-3.5-mini-instruct",
            Role = ModelRole.Generator,
            Repository = "microsoft/Phi-3.5-mini-instruct-onnx",
            License = "MIT",
            ApproximateSize = 2_790_000_000,
            Description = "Larger chat model (3.8B parameters, int4 AWQ for CPU); better answers, slower",
            Files =
            [
                // Renamed to model.onnx so the loader finds it (design §4); the external-data file keeps its
                // name because the graph refers to it by that name.
                new(Phi35Folder + Phi35Model, "model.onnx"),
                new(Phi35Folder + Phi35Model + ".data", Phi35Model + ".data"),
                new(Phi35Folder + "genai_config.json", "genai_config.json"),
                new(Phi35Folder + "config.json", "config.json"),
                new(Phi35Folder + "tokenizer.json", "tokenizer.json"),
                new(Phi35Folder + "tokenizer_config.json", "tokenizer_config.json"),
                new(Phi35Folder + "special_tokens_map.json", "special_tokens_map.json"),
            ],
        },
        new()
        {
            Name = "ms-marco-minilm-l6-v2",
            Role = ModelRole.Reranker,
            Repository = "cross-encoder/ms-marco-MiniLM-L-6-v2",
            License = "Apache-2.0",
            ApproximateSize = 91_000_000,
            Description = "Cross-encoder reranker trained on MS MARCO; re-orders the top retrieved passages",
            Files =
            [
                new("onnx/model.onnx"),
                new("config.json"),
                new("tokenizer.json"),
                new("vocab.txt"),
                new("tokenizer_config.json"),
                new("special_tokens_map.json"),
            ],
        },
    ];

    /// <summary>The catalogued names, in catalogue order.</summary>
    public static IEnumerable<string> Names => Entries.Select(e => e.Name);

    /// <summary>Finds an entry by name (case-insensitive), or null when the catalogue has no such model.</summary>
    public static ModelCatalogEntry? Find(string name) =>
        Entries.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));
}
