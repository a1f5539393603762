using System.Text.Json;
using System.Text.Json.Nodes;

namespace RagSystem.GenAiBenchmark;

/// <summary>Writes the <c>genai_config.json</c> ONNX Runtime GenAI needs beside a forge decoder (forge writes only the
/// Hugging Face files). Every value comes from the folder's <c>config.json</c> and the I/O names forge uses; the KV
/// buffers are not shared (<c>past_present_share_buffer: false</c>) because the plain-op graph concatenates past and new keys.
/// The session options are written out in full so GenAI's session matches ours: the same intra-op threads (GenAI would
/// otherwise pick <c>hardware_concurrency / 2</c>), one inter-op thread, ORT_ENABLE_ALL, and the same spinning entry
/// (GenAI passes any key it does not know to <c>AddConfigEntry</c>).</summary>
internal static class GenAiConfigWriter
{
    public static void Write(string modelDirectory, string modelFile, BenchmarkSettings settings, string? profilePrefix)
    {
        var hf = JsonNode.Parse(File.ReadAllText(Path.Combine(modelDirectory, "config.json")))!.AsObject();
        int Int(string name) => hf[name]!.GetValue<int>();
        var heads = Int("num_attention_heads");
        var hidden = Int("hidden_size");
        var eos = hf["eos_token_id"]?.GetValue<int>() ?? 50256;
        var context = Int("max_position_embeddings");
        var config = new JsonObject
        {
            ["model"] = new JsonObject
            {
                ["bos_token_id"] = hf["bos_token_id"]?.GetValue<int>() ?? eos,
                ["eos_token_id"] = eos,
                ["pad_token_id"] = eos,
                ["context_length"] = context,
                ["vocab_size"] = Int("vocab_size"),
                ["type"] = hf["model_type"]!.GetValue<string>(),
                ["decoder"] = new JsonObject
                {
                    ["filename"] = modelFile,
                    ["head_size"] = hf["head_dim"]?.GetValue<int>() ?? hidden / heads,
                    ["hidden_size"] = hidden,
                    ["num_attention_heads"] = heads,
                    ["num_hidden_layers"] = Int("num_hidden_layers"),
                    ["num_key_value_heads"] = Int("num_key_value_heads"),
                    ["session_options"] = SessionOptions(settings, profilePrefix),
                    ["inputs"] = new JsonObject
                    {
                        ["input_ids"] = "input_ids",
                        ["attention_mask"] = "attention_mask",
                        ["position_ids"] = "position_ids",
                        ["past_key_names"] = "past_key_values.%d.key",
                        ["past_value_names"] = "past_key_values.%d.value",
                    },
                    ["outputs"] = new JsonObject
                    {
                        ["logits"] = "logits",
                        ["present_key_names"] = "present.%d.key",
                        ["present_value_names"] = "present.%d.value",
                    },
                },
            },
            ["search"] = new JsonObject
            {
                ["do_sample"] = false,
                ["max_length"] = context,
                ["min_length"] = 0,
                ["num_beams"] = 1,
                ["num_return_sequences"] = 1,
                ["past_present_share_buffer"] = false,
                ["temperature"] = 1.0,
                ["top_k"] = 1,
                ["top_p"] = 1.0,
            },
        };
        File.WriteAllText(Path.Combine(modelDirectory, "genai_config.json"), config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    private static JsonObject SessionOptions(BenchmarkSettings settings, string? profilePrefix)
    {
        var options = new JsonObject
        {
            ["log_id"] = "onnxruntime-genai",
            ["intra_op_num_threads"] = settings.IntraOpThreads,
            ["inter_op_num_threads"] = 1,
            ["graph_optimization_level"] = "ORT_ENABLE_ALL",
            ["session.intra_op.allow_spinning"] = settings.Spinning ? "1" : "0",
            ["provider_options"] = new JsonArray(),
        };
        if (profilePrefix is not null) options["enable_profiling"] = profilePrefix;
        return options;
    }
}
