using System.Text.Json;

namespace RagSystem.IntegrationTests.Answering;

/// <summary>SciFact in BEIR format: corpus (title + abstract), queries and qrels of one split.</summary>
internal sealed record SciFactSet(
    IReadOnlyDictionary<string, string> Corpus,
    IReadOnlyDictionary<string, string> Queries,
    IReadOnlyDictionary<string, HashSet<string>> Relevant)
{
    public static SciFactSet Load(string folder, string split)
    {
        var corpus = new Dictionary<string, string>();
        foreach (var line in File.ReadLines(Path.Combine(folder, "corpus.jsonl")))
        {
            using var doc = JsonDocument.Parse(line);
            var r = doc.RootElement;
            corpus[r.GetProperty("_id").GetString()!] = r.GetProperty("title").GetString() + "\n" + r.GetProperty("text").GetString();
        }
        var queries = new Dictionary<string, string>();
        foreach (var line in File.ReadLines(Path.Combine(folder, "queries.jsonl")))
        {
            using var doc = JsonDocument.Parse(line);
            queries[doc.RootElement.GetProperty("_id").GetString()!] = doc.RootElement.GetProperty("text").GetString()!;
        }
        var relevant = new Dictionary<string, HashSet<string>>();
        foreach (var line in File.ReadLines(Path.Combine(folder, "qrels", split + ".tsv")).Skip(1))
        {
            var parts = line.Split('\t');
            if (parts.Length < 3 || parts[2].Trim() == "0") continue;
            if (!relevant.TryGetValue(parts[0], out var set)) relevant[parts[0]] = set = [];
            set.Add(parts[1]);
        }
        return new SciFactSet(corpus, queries.Where(q => relevant.ContainsKey(q.Key)).ToDictionary(), relevant);
    }
}
