namespace RagSystem.Models;

/// <summary>One file of a catalogued model.</summary>
/// <param name="RemotePath">Path inside the Hugging Face repository, with forward slashes.</param>
/// <param name="LocalPath">Path inside the installed model folder, with forward slashes.</param>
/// <param name="Sha256">Expected SHA-256 (lower-case hex) when known for certain; null means "record, do not verify".</param>
/// <param name="Size">Expected size in bytes when known; null when unknown.</param>
public sealed record ModelFile(string RemotePath, string LocalPath, string? Sha256 = null, long? Size = null)
{
    /// <summary>A file kept at the same relative path locally as in the repository.</summary>
    public ModelFile(string path) : this(path, path) { }
}
