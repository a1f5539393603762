using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace RagSystem.Evaluation;

/// <summary>A BEIR-format folder: <c>corpus.jsonl</c> (<c>_id</c>, <c>title</c>, <c>text</c>), <c>queries.jsonl</c>
/// (<c>_id</c>, <c>text</c>) and <c>qrels/&lt;split&gt;.tsv</c> (header, then query-id, corpus-id, score).</summary>
public sealed class BeirDataset
{
    private BeirDataset(string directory, string split, IReadOnlyDictionary<string, string> queries, IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> qrels)
    {
        Directory = directory;
        Split = split;
        Queries = queries;
        Qrels = qrels;
    }

    /// <summary>The dataset folder.</summary>
    public string Directory { get; }

    /// <summary>The qrels split loaded (test, train, dev).</summary>
    public string Split { get; }

    /// <summary>Query text by id, for the queries of <see cref="Split"/> that have qrels only.</summary>
    public IReadOnlyDictionary<string, string> Queries { get; }

    /// <summary>Relevance judgements: query id → corpus id → graded relevance.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Qrels { get; }

    /// <summary>Loads the queries and qrels of <paramref name="split"/>; the corpus is streamed by <see cref="ReadCorpusAsync"/>.</summary>
    /// <exception cref="FileNotFoundException">A required file is missing.</exception>
    /// <exception cref="InvalidDataException">A line is malformed or a judged query has no text.</exception>
    public static async Task<BeirDataset> LoadAsync(string directory, string split, CancellationToken cancellationToken = default)
    {
        var qrelsPath = Path.Combine(directory, "qrels", split + ".tsv");
        var queriesPath = Path.Combine(directory, "queries.jsonl");
        foreach (var path in new[] { Path.Combine(directory, "corpus.jsonl"), queriesPath, qrelsPath })
        {
            if (!File.Exists(path)) throw new FileNotFoundException($"{path} is missing; is {directory} a BEIR folder with a '{split}' split?", path);
        }

        var qrels = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var line in await File.ReadAllLinesAsync(qrelsPath, cancellationToken))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var fields = line.Split('\t');
            if (lineNumber == 1 && fields[0] == "query-id") continue;
            if (fields.Length != 3 || !int.TryParse(fields[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var score))
            {
                throw new InvalidDataException($"{qrelsPath}:{lineNumber}: expected 'query-id<TAB>corpus-id<TAB>score'.");
            }
            if (!qrels.TryGetValue(fields[0], out var judged)) qrels[fields[0]] = judged = new(StringComparer.Ordinal);
            judged[fields[1]] = score;
        }

        var queries = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var (id, element) in ReadJsonLinesAsync(queriesPath, cancellationToken))
        {
            if (qrels.ContainsKey(id)) queries[id] = element.TryGetProperty("text", out var t) ? t.GetString() ?? "" : "";
        }
        var missing = qrels.Keys.FirstOrDefault(q => !queries.ContainsKey(q));
        if (missing is not null) throw new InvalidDataException($"{qrelsPath} judges query '{missing}', which {queriesPath} does not contain.");
        return new BeirDataset(directory, split, queries,
            qrels.ToDictionary(p => p.Key, p => (IReadOnlyDictionary<string, int>)p.Value, StringComparer.Ordinal));
    }

    /// <summary>Streams the corpus, one document at a time.</summary>
    public async IAsyncEnumerable<BeirDocument> ReadCorpusAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var (id, element) in ReadJsonLinesAsync(Path.Combine(Directory, "corpus.jsonl"), cancellationToken))
        {
            var title = element.TryGetProperty("title", out var t) ? t.GetString() ?? "" : "";
            var text = element.TryGetProperty("text", out var x) ? x.GetString() ?? "" : "";
            yield return new BeirDocument(id, title, text);
        }
    }

    private static async IAsyncEnumerable<(string Id, JsonElement Element)> ReadJsonLinesAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(path);
        var lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            JsonElement element;
            try
            {
                using var json = JsonDocument.Parse(line);
                element = json.RootElement.Clone();
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"{path}:{lineNumber}: not a JSON object ({ex.Message}).", ex);
            }
            if (!element.TryGetProperty("_id", out var id))
            {
                throw new InvalidDataException($"{path}:{lineNumber}: no \"_id\" field.");
            }
            yield return (id.ValueKind == JsonValueKind.String ? id.GetString()! : id.GetRawText(), element);
        }
    }
}
