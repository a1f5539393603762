using Microsoft.Extensions.Options;

namespace RagSystem.Api.Security;

/// <summary>Confines ingestion paths to <see cref="ApiOptions.AllowedRoots"/>. A path is resolved to its real location first
/// (<c>..</c> collapsed, every symbolic link along it followed), and only then compared with the roots' real locations, so
/// neither <c>../</c> nor an absolute path nor a link inside a root that points elsewhere gets out.</summary>
public sealed class AllowedRoots(IOptions<ApiOptions> options)
{
    /// <summary>The real, absolute folder to ingest for <paramref name="requested"/>. A relative path is taken relative to the
    /// first allowed root.</summary>
    /// <exception cref="RagException">Outside every root (<see cref="RagErrorKind.Forbidden"/>); no roots configured
    /// (<see cref="RagErrorKind.Forbidden"/>); empty (<see cref="RagErrorKind.InvalidInput"/>); absent (<see cref="RagErrorKind.NotFound"/>).</exception>
    public string Resolve(string? requested)
    {
        if (string.IsNullOrWhiteSpace(requested)) throw new RagException(RagErrorKind.InvalidInput, "'path' is empty; name a folder under an allowed root.");
        var roots = options.Value.AllowedRoots.Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => RealPath(Path.GetFullPath(r))).ToList();
        if (roots.Count == 0)
            throw new RagException(RagErrorKind.Forbidden, "No folder may be ingested: the server has no allowed roots (set Rag:Api:AllowedRoots, e.g. RAG__Api__AllowedRoots__0=/srv/docs).");
        var full = Path.GetFullPath(requested, roots[0]);
        var real = RealPath(full);
        if (!roots.Any(root => IsInside(real, root)))
            throw new RagException(RagErrorKind.Forbidden, $"'{requested}' is outside the allowed roots ({string.Join(", ", roots)}).");
        if (!Directory.Exists(real)) throw new RagException(RagErrorKind.NotFound, $"The folder '{requested}' does not exist.");
        return real;
    }

    internal static bool IsInside(string path, string root)
    {
        var r = Path.TrimEndingDirectorySeparator(root);
        var p = Path.TrimEndingDirectorySeparator(path);
        return string.Equals(p, r, StringComparison.Ordinal) || p.StartsWith(r + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    /// <summary>Follows every symbolic link along <paramref name="fullPath"/>, component by component; the part that does
    /// not exist yet is appended unchanged.</summary>
    internal static string RealPath(string fullPath, int depth = 0)
    {
        // Linux gives up after 40 links (ELOOP); so do we, rather than recurse forever on a cycle.
        if (depth > 40) throw new RagException(RagErrorKind.Forbidden, $"'{fullPath}' goes through too many symbolic links.");
        var root = Path.GetPathRoot(fullPath) ?? "/";
        var current = root;
        var parts = fullPath[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < parts.Length; i++)
        {
            var next = Path.Combine(current, parts[i]);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (!info.Exists && info.LinkTarget is null)
            {
                return Path.Combine([current, .. parts[i..]]);
            }
            // A link's target may itself hold links, and may be relative to the link's folder: resolve it again fully.
            current = info.LinkTarget is { } target ? RealPath(Path.GetFullPath(target, current), depth + 1) : next;
        }
        return current;
    }
}
