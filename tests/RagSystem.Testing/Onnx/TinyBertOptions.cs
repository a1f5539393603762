namespace RagSystem.Testing.Onnx;

/// <summary>Shape and weights of a tiny BERT-style encoder written by <see cref="TinyBertModel"/>.</summary>
public sealed class TinyBertOptions
{
    /// <summary>Hidden size. Default 32.</summary>
    public int HiddenSize { get; init; } = 32;

    /// <summary>Encoder layers. Default 2.</summary>
    public int Layers { get; init; } = 2;

    /// <summary>Attention heads; must divide <see cref="HiddenSize"/>. Default 4.</summary>
    public int Heads { get; init; } = 4;

    /// <summary>FFN width. Default 64.</summary>
    public int IntermediateSize { get; init; } = 64;

    /// <summary>Position table size: longer inputs fail at run time, as in a real BERT. Default 64.</summary>
    public int MaxPositions { get; init; } = 64;

    /// <summary>Vocabulary; its size is the embedding table's row count. Default <see cref="TinyBertVocabulary.Tokens"/>.</summary>
    public IReadOnlyList<string> Vocabulary { get; init; } = TinyBertVocabulary.Tokens;

    /// <summary>Seed of the deterministic random weights. Default 42.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Standard deviation of the dense weights (embeddings use 1). Large enough that attention is not uniform. Default 0.3.</summary>
    public float WeightStd { get; init; } = 0.3f;

    /// <summary>LayerNorm epsilon. Default 1e-12 (BERT's).</summary>
    public float LayerNormEpsilon { get; init; } = 1e-12f;

    /// <summary>Whether the model has the <c>token_type_ids</c> input (DistilBERT-style models do not). Default true.</summary>
    public bool HasTokenTypeIds { get; init; } = true;

    /// <summary>Float16 weights and output (like forge <c>--dtype fp16</c>); compute stays float32 inside. Default false.</summary>
    public bool Float16 { get; init; }
}
