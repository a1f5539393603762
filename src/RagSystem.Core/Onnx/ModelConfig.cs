using System.Text.Json;

namespace RagSystem.Onnx;

/// <summary>The few fields of a Hugging Face <c>config.json</c> the ONNX models need. Absent fields are null.</summary>
/// <param name="ModelType">For example <c>bert</c> or <c>llama</c>.</param>
/// <param name="NameOrPath"><c>_name_or_path</c>, such as <c>sentence-transformers/all-MiniLM-L6-v2</c>.</param>
/// <param name="HiddenSize"><c>hidden_size</c> (or <c>dim</c>/<c>d_model</c>).</param>
/// <param name="MaxPositionEmbeddings"><c>max_position_embeddings</c>.</param>
/// <param name="NumLabels">Number of classifier outputs from <c>id2label</c>, for cross-encoders.</param>
public sealed record ModelConfig(string? ModelType, string? NameOrPath, int? HiddenSize, int? MaxPositionEmbeddings, int? NumLabels)
{
    /// <summary>An empty config, for folders without config.json.</summary>
    public static ModelConfig Empty { get; } = new(null, null, null, null, null);

    /// <summary>Reads <c>config.json</c> from <paramref name="folder"/>, or returns <see cref="Empty"/> when it is absent.</summary>
    /// <exception cref="ModelFolderException">The file is not valid JSON.</exception>
    public static ModelConfig Read(ModelFolder folder)
    {
        var path = folder.FindFile("config.json");
        if (path is null) return Empty;
        using var document = ModelFileJson.Parse(path, (message, cause) => new ModelFolderException(message, cause));
        var root = document.RootElement;
        return new ModelConfig(
            JsonFields.String(root, "model_type"),
            JsonFields.String(root, "_name_or_path"),
            JsonFields.Int(root, "hidden_size") ?? JsonFields.Int(root, "dim") ?? JsonFields.Int(root, "d_model"),
            JsonFields.Int(root, "max_position_embeddings"),
            root.TryGetProperty("id2label", out var labels) && labels.ValueKind == JsonValueKind.Object
                ? labels.EnumerateObject().Count()
                : JsonFields.Int(root, "num_labels"));
    }
}
