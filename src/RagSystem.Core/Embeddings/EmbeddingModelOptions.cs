namespace RagSystem.Embeddings;

/// <summary>Settings of the ONNX embedding model. Null values mean "as the model folder says" (its
/// <c>rag-model.json</c>, sentence-transformers files, config and tokenizer files, then known defaults for its name).</summary>
public sealed class EmbeddingModelOptions
{
    /// <summary>A specific ONNX file in the model folder (for example <c>onnx/model_quantized.onnx</c>). Default null:
    /// <c>model.onnx</c> at the top, else under <c>onnx/</c> (fp32, then fp16, then quantized variants).</summary>
    public string? ModelFile { get; set; }

    /// <summary>Texts per <c>session.Run</c>. Default 32.</summary>
    public int BatchSize { get; set; } = 32;

    /// <summary>Token limit per input, special tokens included; longer inputs are truncated. Default null: the model's
    /// limit (sentence-transformers <c>max_seq_length</c>, <c>max_position_embeddings</c>, tokenizer <c>model_max_length</c>), at most 512.</summary>
    public int? MaxTokens { get; set; }

    /// <summary>Pooling override. Default null (from the folder; mean when it says nothing).</summary>
    public EmbeddingPooling? Pooling { get; set; }

    /// <summary>Whether vectors are scaled to unit length. Default null (from the folder; true when it says nothing).</summary>
    public bool? Normalize { get; set; }

    /// <summary>Text put before every query. Default null (from the folder or the model name: bge English models use
    /// "Represent this sentence for searching relevant passages: ", e5 models "query: ").</summary>
    public string? QueryPrefix { get; set; }

    /// <summary>Text put before every passage. Default null (from the folder or the model name: e5 models use "passage: ").</summary>
    public string? PassagePrefix { get; set; }

    /// <summary>Base URL of an OpenAI-compatible server that computes the embeddings instead of the local model (for
    /// example a GPU embedding server, <c>http://gpu-box:8000/v1</c>); <c>/embeddings</c> is appended. Default null: the
    /// local ONNX model. <see cref="QueryPrefix"/> and <see cref="PassagePrefix"/> still apply.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Bearer key for <see cref="Endpoint"/>. Default null: none is sent.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The embedding model the server knows, required with <see cref="Endpoint"/>.</summary>
    public string? Model { get; set; }
}
