using System.Text.Json;
using System.Text.Json.Nodes;

namespace RagSystem.Testing.Onnx;

/// <summary>Lays out a tiny model as a Hugging Face model folder: the ONNX file (top or <c>onnx/</c>), <c>config.json</c>,
/// <c>vocab.txt</c> and/or <c>tokenizer.json</c> + <c>tokenizer_config.json</c>, and optionally sentence-transformers'
/// <c>modules.json</c> and <c>1_Pooling/config.json</c>, and our <c>rag-model.json</c>.</summary>
public static class TinyModelFolder
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Writes a <see cref="TinyBertModel"/> encoder folder and returns the model file's path.</summary>
    public static string WriteEncoder(string directory, TinyModelFolderOptions? options = null)
    {
        var o = options ?? new TinyModelFolderOptions();
        return Write(directory, o, TinyBertModel.Build(o.Model), ["BertModel"], crossEncoder: false);
    }

    /// <summary>Writes a <see cref="TinyCrossEncoderModel"/> folder and returns the model file's path.</summary>
    public static string WriteCrossEncoder(string directory, TinyModelFolderOptions? options = null)
    {
        var o = options ?? new TinyModelFolderOptions();
        return Write(directory, o, TinyCrossEncoderModel.Build(o.Model), ["BertForSequenceClassification"], crossEncoder: true);
    }

    private static string Write(string directory, TinyModelFolderOptions o, byte[] model, string[] architectures, bool crossEncoder)
    {
        Directory.CreateDirectory(directory);
        var fileName = o.ModelFileName ?? (o.Model.Float16 ? "model_fp16.onnx" : "model.onnx");
        var modelPath = o.UnderOnnxFolder ? Path.Combine(directory, "onnx", fileName) : Path.Combine(directory, fileName);
        Directory.CreateDirectory(Path.GetDirectoryName(modelPath)!);
        File.WriteAllBytes(modelPath, model);

        WriteJson(Path.Combine(directory, "config.json"), Config(o, architectures, crossEncoder));
        if (o.WriteVocabTxt) File.WriteAllLines(Path.Combine(directory, "vocab.txt"), o.Model.Vocabulary);
        if (o.WriteTokenizerJson)
        {
            WriteJson(Path.Combine(directory, "tokenizer.json"), WordPieceTokenizerJson.Build(o.Model.Vocabulary, o.DoLowerCase));
            WriteJson(Path.Combine(directory, "tokenizer_config.json"), new JsonObject
            {
                ["do_lower_case"] = o.DoLowerCase,
                ["model_max_length"] = o.ModelMaxLength ?? o.Model.MaxPositions,
                ["strip_accents"] = null,
                ["tokenizer_class"] = "BertTokenizer",
                ["cls_token"] = "[CLS]", ["sep_token"] = "[SEP]", ["pad_token"] = "[PAD]", ["unk_token"] = "[UNK]", ["mask_token"] = "[MASK]",
            });
        }
        if (o.SentenceTransformersPooling is { } pooling) WriteSentenceTransformersFiles(directory, o, pooling);
        if (o.RagModelJson is { } hint) File.WriteAllText(Path.Combine(directory, "rag-model.json"), hint);
        return modelPath;
    }

    private static JsonObject Config(TinyModelFolderOptions o, string[] architectures, bool crossEncoder)
    {
        var m = o.Model;
        var config = new JsonObject
        {
            ["architectures"] = new JsonArray(architectures.Select(a => (JsonNode?)a).ToArray()),
            ["model_type"] = "bert",
            ["hidden_act"] = "gelu",
            ["hidden_size"] = m.HiddenSize,
            ["num_hidden_layers"] = m.Layers,
            ["num_attention_heads"] = m.Heads,
            ["intermediate_size"] = m.IntermediateSize,
            ["max_position_embeddings"] = m.MaxPositions,
            ["type_vocab_size"] = 2,
            ["vocab_size"] = m.Vocabulary.Count,
            ["layer_norm_eps"] = m.LayerNormEpsilon,
            ["pad_token_id"] = 0,
            ["torch_dtype"] = m.Float16 ? "float16" : "float32",
        };
        if (o.NameOrPath is { } name) config["_name_or_path"] = name;
        if (crossEncoder)
        {
            config["id2label"] = new JsonObject { ["0"] = "LABEL_0" };
            config["label2id"] = new JsonObject { ["LABEL_0"] = 0 };
        }
        return config;
    }

    private static void WriteSentenceTransformersFiles(string directory, TinyModelFolderOptions o, string pooling)
    {
        var modules = new JsonArray
        {
            new JsonObject { ["idx"] = 0, ["name"] = "0", ["path"] = "", ["type"] = "sentence_transformers.models.Transformer" },
            new JsonObject { ["idx"] = 1, ["name"] = "1", ["path"] = "1_Pooling", ["type"] = "sentence_transformers.models.Pooling" },
        };
        if (o.SentenceTransformersNormalize)
        {
            modules.Add(new JsonObject { ["idx"] = 2, ["name"] = "2", ["path"] = "2_Normalize", ["type"] = "sentence_transformers.models.Normalize" });
        }
        WriteJson(Path.Combine(directory, "modules.json"), modules);
        Directory.CreateDirectory(Path.Combine(directory, "1_Pooling"));
        WriteJson(Path.Combine(directory, "1_Pooling", "config.json"), new JsonObject
        {
            ["word_embedding_dimension"] = o.Model.HiddenSize,
            ["pooling_mode_cls_token"] = pooling == "cls",
            ["pooling_mode_mean_tokens"] = pooling == "mean",
            ["pooling_mode_max_tokens"] = false,
            ["pooling_mode_mean_sqrt_len_tokens"] = false,
        });
    }

    private static void WriteJson(string path, JsonNode node) => File.WriteAllText(path, node.ToJsonString(Indented));
}
