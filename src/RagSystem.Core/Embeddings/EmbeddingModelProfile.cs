using System.Text.Json;
using System.Text.RegularExpressions;
using RagSystem.Onnx;
using RagSystem.Tokenization;

namespace RagSystem.Embeddings;

/// <summary>How an embedding model is to be used, resolved from (highest first) <see cref="EmbeddingModelOptions"/>,
/// the folder's <c>rag-model.json</c>, its sentence-transformers files (<c>modules.json</c>, <c>1_Pooling/config.json</c>,
/// <c>sentence_bert_config.json</c>), known defaults for the model's name (bge, e5), and finally mean pooling + normalize.</summary>
/// <param name="Name">Model name: config <c>_name_or_path</c> unless it is a local path, else the folder name.</param>
/// <param name="Pooling">Pooling.</param>
/// <param name="Normalize">Whether vectors are unit length.</param>
/// <param name="QueryPrefix">Prefix for queries (may be empty).</param>
/// <param name="PassagePrefix">Prefix for passages (may be empty).</param>
/// <param name="MaxTokens">Token limit per input, special tokens included.</param>
public sealed partial record EmbeddingModelProfile(
    string Name, EmbeddingPooling Pooling, bool Normalize, string QueryPrefix, string PassagePrefix, int MaxTokens)
{
    /// <summary>The most tokens any BERT-family encoder here takes (absolute position tables of 512).</summary>
    public const int MaxSupportedTokens = 512;

    private const string BgeQueryInstruction = "Represent this sentence for searching relevant passages: ";

    /// <summary>Resolves the profile of the model in <paramref name="folder"/>.</summary>
    /// <exception cref="ModelFolderException">A side file is malformed or asks for a pooling we do not implement.</exception>
    public static EmbeddingModelProfile Read(ModelFolder folder, ModelConfig config, WordPieceSettings tokenizer, EmbeddingModelOptions options)
    {
        var name = config.NameOrPath is { Length: > 0 } n && !Path.IsPathRooted(n) && !n.StartsWith('.') ? n : folder.Name;
        using var hint = ReadJson(folder.FindFile("rag-model.json"));
        var h = hint?.RootElement ?? default;
        var (stPooling, stNormalize, stMaxLength) = ReadSentenceTransformers(folder);
        var known = KnownDefaults(name + " " + folder.Name);

        var pooling = options.Pooling ?? ParsePooling(JsonFields.String(h, "pooling"), folder) ?? stPooling ?? known.Pooling ?? EmbeddingPooling.Mean;
        var normalize = options.Normalize ?? JsonFields.Bool(h, "normalize") ?? stNormalize ?? true;
        var queryPrefix = options.QueryPrefix ?? JsonFields.String(h, "query_prefix") ?? known.QueryPrefix ?? "";
        var passagePrefix = options.PassagePrefix ?? JsonFields.String(h, "passage_prefix") ?? known.PassagePrefix ?? "";
        // An explicit option may raise a folder's soft limit (sentence-transformers' 256 for MiniLM) but never past the position table.
        int?[] limits = options.MaxTokens is { } requested
            ? [requested, config.MaxPositionEmbeddings, MaxSupportedTokens]
            : [JsonFields.Int(h, "max_tokens"), stMaxLength, config.MaxPositionEmbeddings, tokenizer.ModelMaxLength, MaxSupportedTokens];
        var maxTokens = limits.Where(l => l > 0).Min()!.Value;
        if (maxTokens < 3) throw new ModelFolderException($"a token limit of {maxTokens} leaves no room for text after [CLS] and [SEP]");
        return new EmbeddingModelProfile(name, pooling, normalize, queryPrefix, passagePrefix, maxTokens);
    }

    private static (EmbeddingPooling? Pooling, bool? Normalize, int? MaxLength) ReadSentenceTransformers(ModelFolder folder)
    {
        bool? normalize = null;
        var poolingPath = "1_Pooling";
        using (var modules = ReadJson(folder.FindFile("modules.json")))
        {
            if (modules?.RootElement.ValueKind == JsonValueKind.Array)
            {
                var list = modules.RootElement.EnumerateArray().ToList();
                normalize = list.Any(m => JsonFields.String(m, "type")?.EndsWith(".Normalize", StringComparison.Ordinal) == true);
                var pooler = list.FirstOrDefault(m => JsonFields.String(m, "type")?.EndsWith(".Pooling", StringComparison.Ordinal) == true);
                if (pooler.ValueKind == JsonValueKind.Object && JsonFields.String(pooler, "path") is { Length: > 0 } p) poolingPath = p;
            }
        }
        EmbeddingPooling? pooling = null;
        using (var config = ReadJson(folder.FindFile(Path.Combine(poolingPath, "config.json"))))
        {
            if (config is not null)
            {
                var c = config.RootElement;
                if (JsonFields.Bool(c, "pooling_mode_cls_token") == true) pooling = EmbeddingPooling.Cls;
                else if (JsonFields.Bool(c, "pooling_mode_mean_tokens") == true) pooling = EmbeddingPooling.Mean;
                else
                {
                    throw new ModelFolderException(
                        $"'{Path.Combine(folder.Directory, poolingPath, "config.json")}' asks for a pooling other than mean or CLS, which is not supported; " +
                        "add a rag-model.json with {\"pooling\": \"mean\"} or {\"pooling\": \"cls\"} to choose one");
                }
            }
        }
        using var bert = ReadJson(folder.FindFile("sentence_bert_config.json"));
        return (pooling, normalize, bert is null ? null : JsonFields.Int(bert.RootElement, "max_seq_length"));
    }

    private static (EmbeddingPooling? Pooling, string? QueryPrefix, string? PassagePrefix) KnownDefaults(string names)
    {
        var lower = names.ToLowerInvariant();
        if (lower.Contains("bge-") && lower.Contains("-en")) return (EmbeddingPooling.Cls, BgeQueryInstruction, null);
        if (E5Name().IsMatch(lower)) return (EmbeddingPooling.Mean, "query: ", "passage: ");
        return (null, null, null);
    }

    private static EmbeddingPooling? ParsePooling(string? value, ModelFolder folder) => value?.ToLowerInvariant() switch
    {
        null => null,
        "mean" => EmbeddingPooling.Mean,
        "cls" => EmbeddingPooling.Cls,
        _ => throw new ModelFolderException($"rag-model.json in '{folder.Directory}' has pooling \"{value}\"; use \"mean\" or \"cls\""),
    };

    private static JsonDocument? ReadJson(string? path) =>
        path is null ? null : ModelFileJson.Parse(path, (message, cause) => new ModelFolderException(message, cause));

    [GeneratedRegex(@"(^|[/\s_-])(multilingual-)?e5([_-]|$)")]
    private static partial Regex E5Name();
}
