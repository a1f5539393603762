namespace RagSystem.Ingestion;

/// <summary>A file found under the ingested root.</summary>
/// <param name="FullPath">Absolute path.</param>
/// <param name="RelativePath">Path relative to the root, forward slashes.</param>
/// <param name="SizeBytes">Size when listed.</param>
public sealed record SourceFile(string FullPath, string RelativePath, long SizeBytes);
