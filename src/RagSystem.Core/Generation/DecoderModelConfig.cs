using RagSystem.Onnx;
using System.Text.Json;

namespace RagSystem.Generation;

/// <summary>A decoder model's dimensions and special ids, read from <c>genai_config.json</c> (ONNX Runtime GenAI),
/// <c>config.json</c> (Hugging Face) and <c>generation_config.json</c>, then cross-checked against the ONNX session's
/// metadata by <see cref="DecoderModel"/>. Null members were not stated by any config.</summary>
public sealed record DecoderModelConfig
{
    /// <summary>Transformer layers (one past key and value per layer).</summary>
    public int? NumLayers { get; init; }

    /// <summary>Key/value heads (fewer than attention heads with grouped-query attention).</summary>
    public int? NumKeyValueHeads { get; init; }

    /// <summary>Size of one attention head.</summary>
    public int? HeadDim { get; init; }

    /// <summary>Longest sequence (prompt plus generated tokens) the model supports.</summary>
    public int? ContextLength { get; init; }

    /// <summary>Vocabulary size (the width of the logits).</summary>
    public int? VocabSize { get; init; }

    /// <summary>Ids that end generation: every <c>eos_token_id</c> (single or list) found in the configs.</summary>
    public IReadOnlyList<int> EosTokenIds { get; init; } = [];

    /// <summary>Past key input name with <c>%d</c> for the layer (GenAI naming; default <c>past_key_values.%d.key</c>).</summary>
    public string PastKeyFormat { get; init; } = "past_key_values.%d.key";

    /// <summary>Past value input name format.</summary>
    public string PastValueFormat { get; init; } = "past_key_values.%d.value";

    /// <summary>Present key output name format.</summary>
    public string PresentKeyFormat { get; init; } = "present.%d.key";

    /// <summary>Present value output name format.</summary>
    public string PresentValueFormat { get; init; } = "present.%d.value";

    /// <summary>Whether the model's attention reads the past from, and writes the present into, one max-length buffer
    /// bound as both (<c>search.past_present_share_buffer</c> in <c>genai_config.json</c>, which GenAI's model builder
    /// sets for its GroupQueryAttention exports). Default false: past and present are separate tensors.</summary>
    public bool PastPresentShareBuffer { get; init; }

    /// <summary>The ONNX file named by <c>genai_config.json</c>, if any.</summary>
    public string? GenAiFileName { get; init; }

    /// <summary>Reads the configs in <paramref name="modelDirectory"/>; GenAI values win over Hugging Face ones.</summary>
    public static DecoderModelConfig Load(string modelDirectory)
    {
        var hf = ReadJson(Path.Combine(modelDirectory, "config.json"));
        var generation = ReadJson(Path.Combine(modelDirectory, "generation_config.json"));
        var genAiRoot = ReadJson(Path.Combine(modelDirectory, "genai_config.json"));
        JsonElement? genAi = genAiRoot is { } g && g.TryGetProperty("model", out var m) ? m : null;
        JsonElement? genAiDecoder = genAi is { } gm && gm.TryGetProperty("decoder", out var d) ? d : null;

        var heads = Int(genAiDecoder, "num_attention_heads") ?? Int(hf, "num_attention_heads");
        var hidden = Int(genAiDecoder, "hidden_size") ?? Int(hf, "hidden_size");
        var headDim = Int(genAiDecoder, "head_size") ?? Int(hf, "head_dim")
            ?? (heads is > 0 && hidden is > 0 ? hidden / heads : null);
        var eos = new List<int>();
        foreach (var source in new[] { genAi, hf, generation })
            foreach (var id in Ints(source, "eos_token_id"))
                if (!eos.Contains(id)) eos.Add(id);

        JsonElement? search = genAiRoot is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty("search", out var se) ? se : null;
        JsonElement? inputs = genAiDecoder is { } dec && dec.TryGetProperty("inputs", out var i) ? i : null;
        JsonElement? outputs = genAiDecoder is { } dec2 && dec2.TryGetProperty("outputs", out var o) ? o : null;
        return new DecoderModelConfig
        {
            NumLayers = Int(genAiDecoder, "num_hidden_layers") ?? Int(hf, "num_hidden_layers") ?? Int(hf, "n_layer"),
            NumKeyValueHeads = Int(genAiDecoder, "num_key_value_heads") ?? Int(hf, "num_key_value_heads") ?? heads,
            HeadDim = headDim,
            ContextLength = Int(genAi, "context_length") ?? Int(hf, "max_position_embeddings") ?? Int(hf, "n_positions"),
            VocabSize = Int(genAi, "vocab_size") ?? Int(hf, "vocab_size"),
            EosTokenIds = eos,
            PastKeyFormat = Str(inputs, "past_key_names") ?? "past_key_values.%d.key",
            PastValueFormat = Str(inputs, "past_value_names") ?? "past_key_values.%d.value",
            PresentKeyFormat = Str(outputs, "present_key_names") ?? "present.%d.key",
            PresentValueFormat = Str(outputs, "present_value_names") ?? "present.%d.value",
            GenAiFileName = Str(genAiDecoder, "filename"),
            PastPresentShareBuffer = search is { ValueKind: JsonValueKind.Object } s && s.TryGetProperty("past_present_share_buffer", out var share)
                && share.ValueKind == JsonValueKind.True,
        };
    }

    private static JsonElement? ReadJson(string path) =>
        ModelFileJson.ReadIfExists(path, (message, cause) => new DecoderModelException(message, cause));

    private static int? Int(JsonElement? element, string name) =>
        element is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number
            ? v.GetInt32() : null;

    private static string? Str(JsonElement? element, string name) =>
        element is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString() : null;

    private static IEnumerable<int> Ints(JsonElement? element, string name)
    {
        if (element is not { ValueKind: JsonValueKind.Object } e || !e.TryGetProperty(name, out var v)) return [];
        return v.ValueKind switch
        {
            JsonValueKind.Number => [v.GetInt32()],
            JsonValueKind.Array => v.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.Number).Select(x => x.GetInt32()).ToList(),
            _ => [],
        };
    }
}
