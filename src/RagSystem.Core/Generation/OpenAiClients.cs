using System.ClientModel;
using OpenAI;

namespace RagSystem.Generation;

/// <summary>Builds the OpenAI SDK client for an OpenAI-compatible endpoint named in the configuration.</summary>
internal static class OpenAiClients
{
    /// <param name="endpoint">Base URL, for example <c>http://localhost:11434/v1</c>.</param>
    /// <param name="apiKey">Bearer key, or null for servers that need none.</param>
    /// <param name="model">The model name; required.</param>
    /// <param name="section">Configuration section for error messages (<c>Generator</c>, <c>Embedding</c>).</param>
    /// <exception cref="RagConfigurationException">The endpoint is not an absolute http(s) URL, or no model is named.</exception>
    public static OpenAIClient Create(string? endpoint, string? apiKey, string? model, string section)
    {
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new RagConfigurationException($"{section}:Endpoint is \"{endpoint}\"; it must be an absolute http(s) URL such as http://localhost:11434/v1.");
        if (string.IsNullOrWhiteSpace(model))
            throw new RagConfigurationException($"{section}:Model must name the server's model when {section}:Endpoint is set.");
        // The SDK insists on a key; servers without authentication ignore the header.
        return new OpenAIClient(new ApiKeyCredential(string.IsNullOrEmpty(apiKey) ? "no-key" : apiKey), new OpenAIClientOptions { Endpoint = uri });
    }
}
