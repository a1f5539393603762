using System.Text.Json;

namespace RagSystem.Api.OpenAi;

/// <summary>An OpenAI embeddings request.</summary>
/// <param name="Input">One string or an array of strings.</param>
/// <param name="Model">Ignored: the configured encoder answers.</param>
/// <param name="EncodingFormat"><c>float</c> (default) or <c>base64</c> (little-endian float32, what the official clients ask for).</param>
public sealed record EmbeddingsRequest(JsonElement Input, string? Model = null, string? EncodingFormat = null)
{
    /// <summary>The texts to embed.</summary>
    /// <exception cref="RagException">Input is missing, empty or not text.</exception>
    public IReadOnlyList<string> Texts()
    {
        var texts = Input.ValueKind switch
        {
            JsonValueKind.String => [Input.GetString()!],
            JsonValueKind.Array when Input.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String) =>
                Input.EnumerateArray().Select(e => e.GetString()!).ToList(),
            _ => throw new RagException(RagErrorKind.InvalidInput, "'input' must be a string or an array of strings (token arrays are not supported)."),
        };
        if (texts.Count == 0 || texts.Any(string.IsNullOrEmpty))
            throw new RagException(RagErrorKind.InvalidInput, "'input' is empty or holds an empty string.");
        return texts;
    }
}
