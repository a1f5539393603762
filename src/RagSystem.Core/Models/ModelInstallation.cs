namespace RagSystem.Models;

/// <summary>Tells whether a catalogued model is installed under a models root.</summary>
public static class ModelInstallation
{
    /// <summary>The folder an entry installs into: <c>&lt;models&gt;/&lt;role&gt;</c>.</summary>
    public static string TargetDirectory(ModelCatalogEntry entry, string modelsDirectory)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return Path.Combine(modelsDirectory, entry.RoleFolder);
    }

    /// <summary>Inspects the role folder: this model (with a complete manifest), something else, or nothing.</summary>
    public static async Task<ModelInstallState> InspectAsync(ModelCatalogEntry entry, string modelsDirectory, CancellationToken cancellationToken = default)
    {
        var target = TargetDirectory(entry, modelsDirectory);
        if (!Directory.Exists(target) || !Directory.EnumerateFileSystemEntries(target).Any()) return ModelInstallState.NotInstalled;
        var manifest = await ModelDownloadManifest.ReadAsync(target, cancellationToken);
        if (manifest is not null && string.Equals(manifest.Name, entry.Name, StringComparison.OrdinalIgnoreCase)) return ModelInstallState.Installed;
        // OCR models are often copied in from a PaddleOCR distribution: a folder the engine can load counts as hand-placed.
        return manifest is null && entry.Role == ModelRole.Ocr && Ocr.OcrModelFiles.Find(target) is not null
            ? ModelInstallState.HandPlaced
            : ModelInstallState.OtherModel;
    }
}
