using System.Text.Json;
using System.Text.Json.Nodes;

namespace RagSystem.Testing.Onnx;

/// <summary>Lays out a <see cref="TinyDecoderModel"/> as a Hugging Face model folder: the ONNX file (under
/// <c>onnx/</c> or at the top), <c>config.json</c>, <c>generation_config.json</c>, a byte-level BPE
/// <c>tokenizer.json</c> and a <c>tokenizer_config.json</c> with a ChatML <c>chat_template</c>; for a GroupQueryAttention
/// model also a <c>genai_config.json</c> stating <c>past_present_share_buffer: true</c>.</summary>
public static class TinyDecoderFolder
{
    private const string ChatMlJinja =
        "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}" +
        "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Writes the folder and returns the model file's path.</summary>
    /// <param name="directory">Target folder (created).</param>
    /// <param name="options">Model shape; null uses defaults.</param>
    /// <param name="underOnnxFolder">Hugging Face layout (<c>onnx/model.onnx</c>) or Optimum (<c>model.onnx</c>).</param>
    public static string Write(string directory, TinyDecoderOptions? options = null, bool underOnnxFolder = true)
    {
        var o = options ?? new TinyDecoderOptions();
        var modelPath = underOnnxFolder ? Path.Combine(directory, "onnx", "model.onnx") : Path.Combine(directory, "model.onnx");
        Directory.CreateDirectory(Path.GetDirectoryName(modelPath)!);
        File.WriteAllBytes(modelPath, TinyDecoderModel.Build(o));
        WriteJson(directory, "config.json", new JsonObject
        {
            ["architectures"] = new JsonArray("LlamaForCausalLM"),
            ["model_type"] = "llama",
            ["hidden_size"] = o.HiddenSize,
            ["intermediate_size"] = o.IntermediateSize,
            ["num_hidden_layers"] = o.Layers,
            ["num_attention_heads"] = o.Heads,
            ["num_key_value_heads"] = o.KvHeads,
            ["head_dim"] = o.HeadDim,
            ["max_position_embeddings"] = o.MaxPositions,
            ["rope_theta"] = o.RopeTheta,
            ["vocab_size"] = o.VocabSize,
            ["bos_token_id"] = ByteLevelTokenizerJson.EndOfText,
            ["eos_token_id"] = ByteLevelTokenizerJson.EndOfText,
            ["tie_word_embeddings"] = true,
            ["torch_dtype"] = "float32",
        });
        WriteJson(directory, "generation_config.json", new JsonObject
        {
            ["bos_token_id"] = ByteLevelTokenizerJson.EndOfText,
            ["eos_token_id"] = new JsonArray(ByteLevelTokenizerJson.EndOfText, ByteLevelTokenizerJson.ImEnd),
        });
        if (o.GroupQueryAttention)
        {
            // What GenAI's model builder states for its GroupQueryAttention exports.
            WriteJson(directory, "genai_config.json", new JsonObject { ["search"] = new JsonObject { ["past_present_share_buffer"] = true } });
        }
        WriteJson(directory, "tokenizer.json", ByteLevelTokenizerJson.Build());
        var addedDecoder = new JsonObject();
        foreach (var (text, id) in new[] { ("<|endoftext|>", ByteLevelTokenizerJson.EndOfText), ("<|im_start|>", ByteLevelTokenizerJson.ImStart), ("<|im_end|>", ByteLevelTokenizerJson.ImEnd) })
            addedDecoder[id.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new JsonObject { ["content"] = text, ["special"] = true };
        WriteJson(directory, "tokenizer_config.json", new JsonObject
        {
            ["tokenizer_class"] = "GPT2Tokenizer",
            ["bos_token"] = "<|endoftext|>",
            ["eos_token"] = "<|im_end|>",
            ["unk_token"] = "<|endoftext|>",
            ["model_max_length"] = o.MaxPositions,
            ["added_tokens_decoder"] = addedDecoder,
            ["chat_template"] = ChatMlJinja,
        });
        return modelPath;
    }

    private static void WriteJson(string directory, string name, JsonNode node) =>
        File.WriteAllText(Path.Combine(directory, name), node.ToJsonString(Indented));
}
