namespace RagSystem.Testing;

/// <summary>Finds the team's read-only <c>shared/</c> folder (test data, models, tools).
/// It sits beside the repository checkout (<c>../shared</c>); <c>RAG_SHARED_DIR</c> overrides.</summary>
public static class SharedData
{
    private static readonly Lazy<string?> Root = new(Locate);

    /// <summary>The shared folder, or null when it is absent.</summary>
    public static string? Directory => Root.Value;

    /// <summary>A path inside the shared folder, or null when the folder or the entry is absent.</summary>
    public static string? Find(params string[] parts)
    {
        if (Root.Value is null) return null;
        var path = Path.Combine([Root.Value, .. parts]);
        return File.Exists(path) || System.IO.Directory.Exists(path) ? path : null;
    }

    /// <summary>A reason to skip a test when <paramref name="parts"/> is absent, or null when present.</summary>
    public static string? MissingReason(params string[] parts) =>
        Find(parts) is null
            ? $"needs ../shared/{string.Join('/', parts)}, which is absent on this machine (set RAG_SHARED_DIR to point at the shared folder)"
            : null;

    private static string? Locate()
    {
        var env = Environment.GetEnvironmentVariable("RAG_SHARED_DIR");
        if (!string.IsNullOrEmpty(env) && System.IO.Directory.Exists(env)) return Path.GetFullPath(env);
        // Walk up from the test binaries: the repo (or a worktree of it) has shared/ as a sibling of some ancestor.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared");
            if (File.Exists(Path.Combine(candidate, "design.md"))) return candidate;
        }
        return null;
    }
}
