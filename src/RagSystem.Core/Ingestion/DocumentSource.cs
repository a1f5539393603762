using RagSystem.Documents;

namespace RagSystem.Ingestion;

/// <summary>Lists the files under a folder that ingestion should consider, in a stable order.
/// Hidden files and folders (a leading dot: .git, .rag) are skipped, as is the data folder itself when it lies inside the root,
/// and whatever the root's <c>.ragignore</c> names (see <see cref="IgnoreRules"/>). Only regular files are listed for reading;
/// every other path that cannot be read (FIFOs, sockets, devices, symlink loops, symlinks leading outside the root, names that
/// are not valid UTF-8, over-long paths, unreadable folders) is listed with a <see cref="SourceFile.Problem"/>, so one bad
/// path is reported on its own and never stops the walk.</summary>
public sealed class DocumentSource
{
    // Linux's PATH_MAX: longer paths cannot be opened or examined at all.
    private const int PathMaxBytes = 4096;

    private readonly string _root;
    private readonly string? _excludedDirectory;
    private readonly SymlinkPolicy _links;

    /// <param name="root">The folder to ingest.</param>
    /// <param name="excludedDirectory">A folder never to descend into, typically the store's data directory.</param>
    /// <param name="followSymlinksOutsideRoot">Follow symlinks to targets outside <paramref name="root"/> (default: report them).</param>
    public DocumentSource(string root, string? excludedDirectory = null, bool followSymlinksOutsideRoot = false)
    {
        _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        _excludedDirectory = excludedDirectory is null ? null : Path.TrimEndingDirectorySeparator(Path.GetFullPath(excludedDirectory));
        _links = new SymlinkPolicy(_root, followSymlinksOutsideRoot);
    }

    /// <summary>The absolute root.</summary>
    public string Root => _root;

    /// <summary>Lists the files, ordered by relative path. Throws <see cref="DirectoryNotFoundException"/> with the path
    /// when the root does not exist, so a typo never reads as "every document was removed".</summary>
    public IReadOnlyList<SourceFile> ListFiles(CancellationToken cancellationToken = default)
    {
        if (File.Exists(_root)) return [SingleFile()];
        if (!Directory.Exists(_root)) throw new DirectoryNotFoundException($"The folder '{_root}' does not exist.");
        var ignore = IgnoreRules.Load(_root);
        var files = new List<SourceFile>();
        var pending = new Stack<(string FullPath, string Relative)>();
        var visited = new HashSet<string>(StringComparer.Ordinal) { _root };
        pending.Push((_root, ""));
        var options = new EnumerationOptions { IgnoreInaccessible = false, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System, RecurseSubdirectories = false };
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (dirPath, dirRelative) = pending.Pop();
            foreach (var entry in SafeEnumerate(dirPath, dirRelative, options, files))
            {
                if (entry.Name.StartsWith('.')) continue;
                var relative = dirRelative + entry.Name;
                if (ignore.IsIgnored(relative)) continue;
                try
                {
                    // Joined here: past PATH_MAX, .NET leaves an entry's FullName empty.
                    Classify(Path.Join(dirPath, entry.Name), entry.Name, relative, pending, visited, files);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
                {
                    files.Add(Problem(Path.Join(dirPath, entry.Name), relative, $"could not be examined: {ex.Message}"));
                }
            }
        }
        files.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return files;
    }

    private void Classify(string fullPath, string name, string relative, Stack<(string, string)> pending, HashSet<string> visited, List<SourceFile> files)
    {
        var (kind, size) = FileNode.Stat(fullPath, followLinks: false);
        if (kind == FileNodeKind.Missing && SourcePathText.IsUndecodable(name))
        {
            files.Add(Problem(fullPath, relative, "has a name that is not valid UTF-8 (undecodable bytes shown as \\uFFFD); rename it to index it"));
            return;
        }
        var target = fullPath;
        if (kind == FileNodeKind.Symlink)
        {
            var resolved = _links.Resolve(fullPath, out var refusal);
            if (resolved is null)
            {
                files.Add(Problem(fullPath, relative, refusal!));
                return;
            }
            target = resolved;
            (kind, size) = FileNode.Stat(target, followLinks: true);
            // A linked folder inside the root is read under its real path; following it too would index it twice.
            if (kind == FileNodeKind.Directory && SymlinkPolicy.IsUnder(target, _root)) return;
        }
        switch (kind)
        {
            case FileNodeKind.Regular:
                files.Add(new SourceFile(target, relative, size));
                return;
            case FileNodeKind.Directory:
                var normalized = Path.TrimEndingDirectorySeparator(target);
                if (_excludedDirectory is not null && string.Equals(normalized, _excludedDirectory, StringComparison.Ordinal)) return;
                // A folder reached twice (two links to one place, or a link back up the tree) is walked once.
                if (visited.Add(normalized)) pending.Push((normalized, relative + "/"));
                return;
            case FileNodeKind.Missing when System.Text.Encoding.UTF8.GetByteCount(target) >= PathMaxBytes:
                files.Add(Problem(fullPath, relative, $"is nested too deep: its path ({target.Length} characters) is longer than the system allows"));
                return;
            case FileNodeKind.Missing:
                files.Add(Problem(fullPath, relative, "disappeared while the folder was being read"));
                return;
            default:
                files.Add(Problem(fullPath, relative, $"is not a regular file (it is {FileNode.Describe(kind)}); it was not opened"));
                return;
        }
    }

    private static IEnumerable<FileSystemInfo> SafeEnumerate(string directory, string relative, EnumerationOptions options, List<SourceFile> problems)
    {
        IEnumerator<FileSystemInfo> entries;
        try
        {
            entries = new DirectoryInfo(directory).EnumerateFileSystemInfos("*", options).GetEnumerator();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            problems.Add(FolderProblem(directory, relative, ex));
            yield break;
        }
        using (entries)
        {
            while (true)
            {
                try
                {
                    if (!entries.MoveNext()) yield break;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
                {
                    problems.Add(FolderProblem(directory, relative, ex));
                    yield break;
                }
                yield return entries.Current;
            }
        }
    }

    private SourceFile SingleFile()
    {
        var (kind, size) = FileNode.Stat(_root, followLinks: true);
        var name = Path.GetFileName(_root);
        return kind == FileNodeKind.Regular
            ? new SourceFile(_root, name, size)
            : Problem(_root, name, $"is not a regular file (it is {FileNode.Describe(kind)}); it was not opened");
    }

    private static SourceFile FolderProblem(string directory, string relative, Exception ex)
    {
        var folder = relative.Length == 0 ? "." : relative.TrimEnd('/');
        var reason = ex switch
        {
            PathTooLongException => $"is nested too deep: its path ({directory.Length} characters) is longer than the system allows",
            UnauthorizedAccessException => "is a folder that cannot be read (permission denied); documents stored from it are kept",
            _ => $"is a folder that cannot be read ({ex.Message}); documents stored from it are kept",
        };
        return Problem(directory, folder, reason) with { IsFolder = true };
    }

    private static SourceFile Problem(string fullPath, string relative, string reason)
    {
        var shown = SourcePathText.Escape(relative);
        // The reason stays readable for a path thousands of characters long; the entry keeps the whole path.
        var brief = shown.Length <= 160 ? shown : $"{shown[..60]}…{shown[^80..]}";
        return new SourceFile(fullPath, shown, 0) { Problem = new SourceProblem(DocumentFailureKind.Unreadable, $"{brief} {reason}") };
    }
}
