using System.Text.Json;

namespace RagSystem.Ingestion;

/// <summary>Remembers which folder a data directory mirrors (<c>&lt;data&gt;/source.json</c>). Ingestion removes
/// documents whose files are gone, so pointing an existing index at a different folder would silently empty it;
/// this record lets the caller refuse that, and lets queries turn stored relative paths back into real files.</summary>
public static class IndexedRoot
{
    private const string FileName = "source.json";

    /// <summary>The folder the index in <paramref name="dataDirectory"/> was built from, or null for a new index.</summary>
    public static string? Read(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            return doc.RootElement.TryGetProperty("root", out var root) ? root.GetString() : null;
        }
        catch (JsonException ex)
        {
            throw new Storage.StoreSchemaException($"{path} is damaged ({ex.Message}); delete it, then ingest the folder again.", ex);
        }
    }

    /// <summary>Records <paramref name="root"/> as the folder this index mirrors (atomically: write then rename).</summary>
    public static void Write(string dataDirectory, string root)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, FileName);
        var temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(new Dictionary<string, string> { ["root"] = Path.GetFullPath(root) }));
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>True when <paramref name="root"/> is the folder recorded for the index (or none is recorded).</summary>
    public static bool Matches(string dataDirectory, string root) =>
        Read(dataDirectory) is not { } recorded
        || string.Equals(Path.TrimEndingDirectorySeparator(recorded), Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)), StringComparison.Ordinal);
}
