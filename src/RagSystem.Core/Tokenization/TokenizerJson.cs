using RagSystem.Onnx;
using System.Text.Json;

namespace RagSystem.Tokenization;

/// <summary>The parts of a Hugging Face <c>tokenizer.json</c> (and <c>tokenizer_config.json</c>) that the decoder
/// tokenizer loader needs.</summary>
internal sealed class TokenizerJson
{
    private TokenizerJson(JsonElement root) => Root = root;

    public JsonElement Root { get; }

    public JsonElement Model => Root.GetProperty("model");

    public string ModelType => Model.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "";

    public static TokenizerJson Parse(string path)
    {
        using var doc = ModelFileJson.Parse(path, (message, cause) => new TokenizerLoadException(message, cause));
        return new TokenizerJson(doc.RootElement.Clone());
    }

    public Dictionary<string, int> Vocabulary()
    {
        if (!Model.TryGetProperty("vocab", out var vocab) || vocab.ValueKind != JsonValueKind.Object)
            throw new TokenizerLoadException("tokenizer.json has no model.vocab object.");
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in vocab.EnumerateObject()) result[entry.Name] = entry.Value.GetInt32();
        return result;
    }

    /// <summary>Merges in rank order; both the old <c>"a b"</c> and the new <c>["a","b"]</c> forms.</summary>
    public List<(string Left, string Right)> Merges()
    {
        var result = new List<(string, string)>();
        if (!Model.TryGetProperty("merges", out var merges)) return result;
        foreach (var m in merges.EnumerateArray())
        {
            if (m.ValueKind == JsonValueKind.Array) result.Add((m[0].GetString()!, m[1].GetString()!));
            else
            {
                var s = m.GetString()!;
                var space = s.IndexOf(' ', 1);
                if (space < 0) throw new TokenizerLoadException($"tokenizer.json merge '{s}' has no separating space.");
                result.Add((s[..space], s[(space + 1)..]));
            }
        }
        return result;
    }

    /// <summary>Added tokens: text → (id, special).</summary>
    public Dictionary<string, (int Id, bool Special)> AddedTokens()
    {
        var result = new Dictionary<string, (int, bool)>(StringComparer.Ordinal);
        if (!Root.TryGetProperty("added_tokens", out var added)) return result;
        foreach (var t in added.EnumerateArray())
        {
            var special = t.TryGetProperty("special", out var s) && s.ValueKind == JsonValueKind.True;
            result[t.GetProperty("content").GetString()!] = (t.GetProperty("id").GetInt32(), special);
        }
        return result;
    }

    /// <summary>All component objects of a section (<c>normalizer</c>, <c>pre_tokenizer</c>, <c>decoder</c>), with
    /// <c>Sequence</c> wrappers flattened.</summary>
    public IEnumerable<JsonElement> Components(string section)
    {
        if (!Root.TryGetProperty(section, out var element) || element.ValueKind != JsonValueKind.Object) return [];
        return Flatten(element);
    }

    public static string TypeOf(JsonElement component) =>
        component.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "";

    private static IEnumerable<JsonElement> Flatten(JsonElement element)
    {
        foreach (var key in new[] { "normalizers", "pretokenizers", "decoders" })
        {
            if (element.TryGetProperty(key, out var list) && list.ValueKind == JsonValueKind.Array)
                return list.EnumerateArray().SelectMany(Flatten).ToList();
        }
        return [element];
    }

    /// <summary>A token named in <c>tokenizer_config.json</c> (<c>"eos_token": "&lt;/s&gt;"</c> or <c>{"content": ...}</c>).</summary>
    public static string? ConfigToken(JsonElement? config, string name)
    {
        if (config is not { } c || !c.TryGetProperty(name, out var v)) return null;
        return v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Object when v.TryGetProperty("content", out var content) => content.GetString(),
            _ => null,
        };
    }
}
