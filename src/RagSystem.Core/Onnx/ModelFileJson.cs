using System.Text.Json;

namespace RagSystem.Onnx;

/// <summary>Parses the JSON side files of a model folder (config.json, tokenizer.json, rag-model.json, …). One definition of
/// "this file is broken" for every loader; each caller names the exception its own callers already handle.</summary>
internal static class ModelFileJson
{
    /// <summary>Parses <paramref name="path"/>; bad JSON becomes <paramref name="invalid"/>(message, cause).</summary>
    public static JsonDocument Parse(string path, Func<string, JsonException, Exception> invalid)
    {
        try
        {
            return JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException ex)
        {
            throw invalid($"{path} is not valid JSON ({ex.Message}); fix or re-download the model's files.", ex);
        }
    }

    /// <summary>The root element of <paramref name="path"/>, or null when there is no such file.</summary>
    public static JsonElement? ReadIfExists(string? path, Func<string, JsonException, Exception> invalid)
    {
        if (path is null || !File.Exists(path)) return null;
        using var document = Parse(path, invalid);
        return document.RootElement.Clone();
    }
}
