namespace RagSystem.Ingestion;

/// <summary>Decides where a symlink under the ingested root may lead: to its final target (loops refused), and only
/// inside the root unless configured otherwise. Links in the target's own folders count: a link inside the root that
/// resolves through a linked folder to <c>/etc</c> is outside.</summary>
internal sealed class SymlinkPolicy(string root, bool followOutsideRoot)
{
    // Linux's own limit on links followed while resolving one path (MAXSYMLINKS).
    private const int MaxLinks = 40;

    /// <summary>The real target of the link at <paramref name="linkPath"/>, or null with the reason it is not followed.</summary>
    public string? Resolve(string linkPath, out string? refusal)
    {
        refusal = null;
        string current = linkPath;
        for (var hops = 0; hops < MaxLinks; hops++)
        {
            var link = FirstLinkIn(current);
            if (link is null)
            {
                if (!followOutsideRoot && !IsUnder(current, root))
                {
                    refusal = $"is a symlink to {current}, outside the ingested folder; set Ingestion:FollowSymlinksOutsideRoot=true to follow such links";
                    return null;
                }
                return current;
            }
            var info = new FileInfo(link);
            var next = info.LinkTarget;
            if (next is null) return current;
            var resolved = Path.GetFullPath(next, Path.GetDirectoryName(link)!);
            current = Path.Join(resolved, Path.GetRelativePath(link, current) is "." ? "" : Path.GetRelativePath(link, current));
            current = Path.TrimEndingDirectorySeparator(Path.GetFullPath(current));
        }
        refusal = "is a symlink loop (or a chain of more than 40 links); it was not followed";
        return null;
    }

    /// <summary>Whether <paramref name="path"/> is <paramref name="folder"/> or inside it.</summary>
    public static bool IsUnder(string path, string folder) =>
        string.Equals(path, folder, StringComparison.Ordinal)
        || path.StartsWith(Path.TrimEndingDirectorySeparator(folder) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    // The first component of the path (from the top) that is a symlink. Components above the root are the user's own
    // choice of where the root lives and are taken as they are.
    private string? FirstLinkIn(string path)
    {
        var start = IsUnder(path, root) ? root : Path.GetPathRoot(path)!;
        var relative = Path.GetRelativePath(start, path);
        if (relative == ".") return null;
        var probe = start;
        foreach (var part in relative.Split(Path.DirectorySeparatorChar))
        {
            probe = Path.Join(probe, part);
            if (IsLink(probe)) return probe;
        }
        return null;
    }

    private static bool IsLink(string path) => FileNode.Stat(path, followLinks: false).Kind == FileNodeKind.Symlink;
}
