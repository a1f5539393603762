using System.Text.Json;

namespace RagSystem.Evaluation;

/// <summary>Reads question sets: JSON Lines, one object per line, <c>{"question", "answer"?, "expected_source"?,
/// "must_contain"? (string or array), "answerable"? (default true)}</c>. The corpus's own fields are read too:
/// <c>answer_file</c> as <c>expected_source</c>, <c>answer_hint</c> as <c>must_contain</c>. A line without
/// <c>question</c>, or that is not a JSON object, is an error naming the file and line.</summary>
public static class QaDataset
{
    /// <summary>The items of <paramref name="path"/>, in file order; blank lines are skipped.</summary>
    public static async Task<IReadOnlyList<QaItem>> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path} does not exist; pass a JSON Lines file of questions.", path);
        var items = new List<QaItem>();
        var number = 0;
        foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                items.Add(Parse(line));
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException)
            {
                throw new InvalidDataException($"{path}, line {number}: {ex.Message}", ex);
            }
        }
        return items;
    }

    /// <summary>Parses one line.</summary>
    public static QaItem Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new InvalidOperationException("expected a JSON object");
        if (!root.TryGetProperty("question", out var question) || question.ValueKind != JsonValueKind.String
            || string.IsNullOrWhiteSpace(question.GetString()))
        {
            throw new InvalidOperationException("\"question\" (a non-empty string) is missing");
        }
        var mustContain = Strings(root, "must_contain") is { Count: > 0 } m ? m : Strings(root, "answer_hint");
        var answerable = !root.TryGetProperty("answerable", out var a) || a.ValueKind != JsonValueKind.False;
        return new QaItem(question.GetString()!, String(root, "answer"), String(root, "expected_source") ?? String(root, "answer_file"),
            mustContain, answerable);
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static List<string> Strings(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value)) return [];
        return value.ValueKind switch
        {
            JsonValueKind.String => [value.GetString()!],
            JsonValueKind.Array => value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList(),
            _ => throw new InvalidOperationException($"\"{name}\" must be a string or an array of strings"),
        };
    }
}
