namespace RagSystem.Onnx;

/// <summary>A located model folder: where its ONNX file is and the side files (config, tokenizer) next to it.</summary>
/// <param name="Directory">The model folder (full path).</param>
/// <param name="ModelPath">The ONNX file chosen (full path).</param>
/// <param name="ExternalDataPath">The external weights file beside it (<c>model.onnx.data</c> or <c>model.onnx_data</c>), or null.
/// ONNX Runtime finds it itself through the relative location stored in the model.</param>
public sealed record ModelFolder(string Directory, string ModelPath, string? ExternalDataPath)
{
    /// <summary>The folder's own name, used as the model name when config.json has none.</summary>
    public string Name => Path.GetFileName(Directory.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));

    /// <summary>Full path of <paramref name="relativePath"/> inside the folder, or null when that file is absent.</summary>
    public string? FindFile(string relativePath)
    {
        var path = Path.Combine(Directory, relativePath);
        return File.Exists(path) ? path : null;
    }
}
