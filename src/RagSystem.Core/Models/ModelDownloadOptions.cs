namespace RagSystem.Models;

/// <summary>Settings for <see cref="ModelDownloader"/>.</summary>
public sealed class ModelDownloadOptions
{
    /// <summary>The Hugging Face compatible base URL. Default: <c>$RAG_HF_ENDPOINT</c>, else <c>$HF_ENDPOINT</c>,
    /// else <c>https://huggingface.co</c>. Files are fetched from <c>{Endpoint}/{repo}/resolve/{revision}/{path}</c>.</summary>
    public string Endpoint { get; set; } = ResolveEndpoint(null, Environment.GetEnvironmentVariable);

    /// <summary>Access token sent as <c>Authorization: Bearer</c> (gated or private repositories).
    /// Default: <c>$HF_TOKEN</c>, else <c>$HUGGING_FACE_HUB_TOKEN</c>, else none.</summary>
    public string? Token { get; set; } = FirstSet(Environment.GetEnvironmentVariable, "HF_TOKEN", "HUGGING_FACE_HUB_TOKEN");

    /// <summary>How many times a file is retried after a transient failure (network error, 5xx, 429, cut
    /// connection). Each retry resumes from the bytes already on disk. Default: 5.</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>Delay before the first retry; doubled on each further retry, capped at 30 seconds. Default: 1 second.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A download that receives no byte for this long counts as a transient failure. Default: 60 seconds.</summary>
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Picks the endpoint: the flag when given, else <c>RAG_HF_ENDPOINT</c>, else <c>HF_ENDPOINT</c>, else huggingface.co.</summary>
    /// <param name="flag">The <c>--endpoint</c> value, or null.</param>
    /// <param name="environment">Reads an environment variable (injectable for tests).</param>
    public static string ResolveEndpoint(string? flag, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var endpoint = !string.IsNullOrWhiteSpace(flag)
            ? flag
            : FirstSet(environment, "RAG_HF_ENDPOINT", "HF_ENDPOINT") ?? "https://huggingface.co";
        return endpoint.TrimEnd('/');
    }

    private static string? FirstSet(Func<string, string?> environment, params string[] names) =>
        names.Select(environment).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}
