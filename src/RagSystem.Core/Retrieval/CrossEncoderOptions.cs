namespace RagSystem.Retrieval;

/// <summary>Settings of the ONNX cross-encoder reranker.</summary>
public sealed class CrossEncoderOptions
{
    /// <summary>A specific ONNX file in the model folder. Default null: <c>model.onnx</c> at the top, else under <c>onnx/</c>.</summary>
    public string? ModelFile { get; set; }

    /// <summary>Query–passage pairs per <c>session.Run</c>. Default 16.</summary>
    public int BatchSize { get; set; } = 16;

    /// <summary>Token limit per pair, special tokens included; passages are cut to fit. Default null: the model's
    /// <c>max_position_embeddings</c> / tokenizer <c>model_max_length</c>, at most 512.</summary>
    public int? MaxTokens { get; set; }
}
