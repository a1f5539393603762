namespace RagSystem.Testing.Onnx;

/// <summary>Shape and weights of a <see cref="TinyDecoderModel"/>.</summary>
public sealed class TinyDecoderOptions
{
    /// <summary>Vocabulary size (logits width). Default 259: <see cref="ByteLevelTokenizerJson"/>'s 256 bytes + 3 specials.</summary>
    public int VocabSize { get; init; } = ByteLevelTokenizerJson.VocabSize;

    /// <summary>Hidden size. Default 32.</summary>
    public int HiddenSize { get; init; } = 32;

    /// <summary>Layers. Default 2.</summary>
    public int Layers { get; init; } = 2;

    /// <summary>Attention heads. Default 4.</summary>
    public int Heads { get; init; } = 4;

    /// <summary>Key/value heads (grouped-query attention when fewer than <see cref="Heads"/>). Default 2.</summary>
    public int KvHeads { get; init; } = 2;

    /// <summary>SiLU-gated FFN width. Default 64.</summary>
    public int IntermediateSize { get; init; } = 64;

    /// <summary>RoPE base. Default 10000.</summary>
    public float RopeTheta { get; init; } = 10000f;

    /// <summary>Context window written to config.json. Default 256.</summary>
    public int MaxPositions { get; init; } = 256;

    /// <summary>Store the KV cache as float16 (past inputs and present outputs), computing in float32. Default false.</summary>
    public bool KvFloat16 { get; init; }

    /// <summary>Attend through ONNX Runtime's <c>com.microsoft.GroupQueryAttention</c> contrib op, as GenAI's exports do,
    /// instead of plain MatMul/Softmax: the cache then may be one max-length buffer bound as both past and present
    /// (<see cref="TinyDecoderFolder"/> writes <c>past_present_share_buffer: true</c> into <c>genai_config.json</c>).
    /// The op takes the cache's own type, so with <see cref="KvFloat16"/> attention runs in float16. Default false.</summary>
    public bool GroupQueryAttention { get; init; }

    /// <summary>Weight seed. Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>A token id given a large logit bias so greedy decoding always picks it (to test EOS handling). Default null.</summary>
    public int? FavouredTokenId { get; init; }

    /// <summary>When set, greedy decoding of any prompt that ends in a line break writes exactly this text and then
    /// <c>&lt;|im_end|&gt;</c>: a fixed table adds a large logit to the byte that follows each byte of the text, indexed by
    /// the input token. Each byte may occur only once in the text (the next byte is a function of the current one).
    /// Default null.</summary>
    public string? ScriptedReply { get; init; }

    /// <summary>Size of one head.</summary>
    public int HeadDim => HiddenSize / Heads;
}
