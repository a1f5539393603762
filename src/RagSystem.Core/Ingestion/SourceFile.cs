namespace RagSystem.Ingestion;

/// <summary>A file found under the ingested root, or a path there that cannot be read as one.</summary>
/// <param name="FullPath">Absolute path.</param>
/// <param name="RelativePath">Path relative to the root, forward slashes; control characters and undecodable bytes escaped
/// (see <see cref="SourcePathText.Escape"/>) when the path is reported as a problem.</param>
/// <param name="SizeBytes">Size when listed (of the target, for a followed symlink).</param>
public sealed record SourceFile(string FullPath, string RelativePath, long SizeBytes)
{
    /// <summary>Why this path is reported without being opened (not a regular file, a symlink loop or outside the root,
    /// an undecodable or over-long name, an unreadable folder), or null for a file to read.</summary>
    public SourceProblem? Problem { get; init; }

    /// <summary>True when this entry is a folder that could not be listed: documents stored under it are kept.</summary>
    public bool IsFolder { get; init; }
}
