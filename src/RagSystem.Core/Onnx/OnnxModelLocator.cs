namespace RagSystem.Onnx;

/// <summary>Finds the ONNX file in a model folder laid out like Optimum (<c>model.onnx</c> at the top) or like
/// Hugging Face / onnx-community (<c>onnx/model.onnx</c>, <c>onnx/model_fp16.onnx</c>, <c>onnx/model_quantized.onnx</c>, …).</summary>
public static class OnnxModelLocator
{
    /// <summary>File names tried, in order, at the top and then under <c>onnx/</c>: full precision first, then fp16, then quantized.</summary>
    public static IReadOnlyList<string> PreferredFileNames { get; } =
    [
        "model.onnx", "model_fp16.onnx", "model_quantized.onnx", "model_int8.onnx", "model_uint8.onnx",
        "model_q4.onnx", "model_q4f16.onnx", "model_bnb4.onnx",
    ];

    /// <summary>Locates the model, or returns false with a reason a user can act on.</summary>
    /// <param name="directory">The model folder.</param>
    /// <param name="folder">The located folder when found.</param>
    /// <param name="reason">Why nothing was found, otherwise null.</param>
    /// <param name="modelFile">A specific file (relative to the folder, or under <c>onnx/</c>) to use instead of the preference order.</param>
    public static bool TryLocate(string directory, out ModelFolder? folder, out string? reason, string? modelFile = null)
    {
        folder = null;
        if (string.IsNullOrWhiteSpace(directory))
        {
            reason = "no model folder is configured";
            return false;
        }
        var root = Path.GetFullPath(directory);
        if (!Directory.Exists(root))
        {
            reason = $"the model folder '{root}' does not exist (run `rag models pull` or point the model path at a folder holding model.onnx)";
            return false;
        }
        var onnxDir = Path.Combine(root, "onnx");
        IEnumerable<string> candidates = modelFile is { Length: > 0 }
            ? [Path.Combine(root, modelFile), Path.Combine(onnxDir, modelFile)]
            : PreferredFileNames.Select(n => Path.Combine(root, n))
                .Concat(PreferredFileNames.Select(n => Path.Combine(onnxDir, n)))
                .Concat(OtherOnnxFiles(root))
                .Concat(OtherOnnxFiles(onnxDir));
        var model = candidates.FirstOrDefault(File.Exists);
        if (model is null)
        {
            reason = modelFile is { Length: > 0 }
                ? $"the model folder '{root}' has no '{modelFile}' (looked at the top and under onnx/)"
                : $"the model folder '{root}' holds no .onnx file (looked for model.onnx at the top and under onnx/)";
            return false;
        }
        model = Path.GetFullPath(model);
        var externalData = new[] { model + ".data", model + "_data" }.FirstOrDefault(File.Exists);
        folder = new ModelFolder(root, model, externalData);
        reason = null;
        return true;
    }

    /// <summary>Locates the model or throws.</summary>
    /// <exception cref="ModelFolderException">The folder is absent or holds no ONNX file.</exception>
    public static ModelFolder Locate(string directory, string? modelFile = null) =>
        TryLocate(directory, out var folder, out var reason, modelFile) ? folder! : throw new ModelFolderException(reason!);

    private static IEnumerable<string> OtherOnnxFiles(string directory) =>
        Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "*.onnx").Order(StringComparer.Ordinal)
            : [];
}
