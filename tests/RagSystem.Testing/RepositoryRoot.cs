namespace RagSystem.Testing;

/// <summary>Finds the repository checkout (the folder holding RagSystem.sln) from the test binaries.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "RagSystem.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"RagSystem.sln not found above {AppContext.BaseDirectory}");
    });

    /// <summary>The repository root.</summary>
    public static string Path => Root.Value;

    /// <summary>The repository's sample corpus folder.</summary>
    public static string Corpus => System.IO.Path.Combine(Root.Value, "corpus");

    /// <summary>Copies a folder recursively (for tests that edit a copy of the corpus).</summary>
    public static void CopyDirectory(string source, string target)
    {
        foreach (var dir in Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(dir.Replace(source, target, StringComparison.Ordinal));
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            File.Copy(file, file.Replace(source, target, StringComparison.Ordinal), overwrite: true);
    }
}
