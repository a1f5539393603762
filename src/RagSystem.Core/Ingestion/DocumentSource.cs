namespace RagSystem.Ingestion;

/// <summary>Lists the files under a folder that ingestion should consider, in a stable order.
/// Hidden files and folders (a leading dot: .git, .rag) are skipped, as is the data folder itself when it lies inside the root,
/// and whatever the root's <c>.ragignore</c> names (see <see cref="IgnoreRules"/>).</summary>
public sealed class DocumentSource
{
    private readonly string _root;
    private readonly string? _excludedDirectory;

    /// <param name="root">The folder to ingest.</param>
    /// <param name="excludedDirectory">A folder never to descend into, typically the store's data directory.</param>
    public DocumentSource(string root, string? excludedDirectory = null)
    {
        _root = Path.GetFullPath(root);
        _excludedDirectory = excludedDirectory is null ? null : Path.TrimEndingDirectorySeparator(Path.GetFullPath(excludedDirectory));
    }

    /// <summary>The absolute root.</summary>
    public string Root => _root;

    /// <summary>Lists the files, ordered by relative path. Throws <see cref="DirectoryNotFoundException"/> with the path
    /// when the root does not exist, so a typo never reads as "every document was removed".</summary>
    public IReadOnlyList<SourceFile> ListFiles(CancellationToken cancellationToken = default)
    {
        if (File.Exists(_root))
        {
            var single = new FileInfo(_root);
            return [new SourceFile(single.FullName, single.Name, single.Length)];
        }
        if (!Directory.Exists(_root)) throw new DirectoryNotFoundException($"The folder '{_root}' does not exist.");
        var ignore = IgnoreRules.Load(_root);
        var files = new List<SourceFile>();
        var pending = new Stack<DirectoryInfo>();
        pending.Push(new DirectoryInfo(_root));
        var options = new EnumerationOptions { IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System, RecurseSubdirectories = false };
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var dir = pending.Pop();
            foreach (var entry in dir.EnumerateFileSystemInfos("*", options))
            {
                if (entry.Name.StartsWith('.')) continue;
                if (entry is DirectoryInfo sub)
                {
                    if (sub.LinkTarget is not null) continue; // symlinked folders can loop
                    if (_excludedDirectory is not null && string.Equals(Path.TrimEndingDirectorySeparator(sub.FullName), _excludedDirectory, StringComparison.Ordinal)) continue;
                    pending.Push(sub);
                }
                else if (entry is FileInfo file)
                {
                    var relative = Path.GetRelativePath(_root, file.FullName).Replace('\\', '/');
                    if (!ignore.IsIgnored(relative)) files.Add(new SourceFile(file.FullName, relative, file.Length));
                }
            }
        }
        files.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return files;
    }
}
