namespace RagSystem.IntegrationTests.Documents;

/// <summary>Rows of a shared-data MANIFEST.tsv, keyed by the first column.</summary>
internal sealed class ManifestTable
{
    private readonly Dictionary<string, Dictionary<string, string>> _rows = new(StringComparer.Ordinal);

    public ManifestTable(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split('\t');
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var cells = line.Split('\t');
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < header.Length; i++) row[header[i]] = i < cells.Length ? cells[i] : "";
            _rows[cells[0]] = row;
        }
    }

    public IReadOnlyCollection<string> Keys => _rows.Keys;

    public string Get(string key, string column) => _rows.TryGetValue(key, out var row) && row.TryGetValue(column, out var value) ? value : "";
}
