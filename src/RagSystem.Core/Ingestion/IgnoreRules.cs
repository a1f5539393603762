using System.Text.RegularExpressions;

namespace RagSystem.Ingestion;

/// <summary>Patterns from a <c>.ragignore</c> file at the ingested root, in the spirit of <c>.gitignore</c>: one glob per
/// line, <c>#</c> comments, <c>*</c> within a path segment, <c>**</c> across segments, a trailing <c>/</c> for folders,
/// and a pattern without <c>/</c> matching at any depth.</summary>
public sealed class IgnoreRules
{
    /// <summary>The file name looked for at the root.</summary>
    public const string FileName = ".ragignore";

    private readonly List<Regex> _patterns;

    private IgnoreRules(List<Regex> patterns) => _patterns = patterns;

    /// <summary>Rules that ignore nothing.</summary>
    public static IgnoreRules None { get; } = new([]);

    /// <summary>Reads <c>.ragignore</c> at <paramref name="root"/>, or returns <see cref="None"/>.</summary>
    public static IgnoreRules Load(string root)
    {
        var path = Path.Combine(root, FileName);
        return File.Exists(path) ? Parse(File.ReadAllLines(path)) : None;
    }

    /// <summary>Builds rules from pattern lines.</summary>
    public static IgnoreRules Parse(IEnumerable<string> lines)
    {
        var patterns = new List<Regex>();
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var directoryOnly = line.EndsWith('/');
            line = line.Trim('/');
            var anchored = raw.Trim().TrimEnd('/').Contains('/');
            var body = Regex.Escape(line).Replace(@"\*\*/", "(?:.*/)?").Replace(@"\*\*", ".*").Replace(@"\*", "[^/]*").Replace(@"\?", "[^/]");
            var prefix = anchored ? "^" : "^(?:.*/)?";
            var suffix = directoryOnly ? "/.*$" : "(?:/.*)?$";
            patterns.Add(new Regex(prefix + body + suffix, RegexOptions.CultureInvariant | RegexOptions.Compiled));
        }
        return new IgnoreRules(patterns);
    }

    /// <summary>True when the relative path (forward slashes) is ignored.</summary>
    public bool IsIgnored(string relativePath) => _patterns.Exists(p => p.IsMatch(relativePath));
}
