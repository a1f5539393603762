namespace RagSystem.Models;

/// <summary>What a pull did.</summary>
/// <param name="ModelName">The catalogue name.</param>
/// <param name="InstalledDirectory">The model folder, e.g. <c>~/.rag/models/embedding</c>.</param>
/// <param name="BytesDownloaded">Bytes fetched over the network in this run (resumed bytes are not counted).</param>
/// <param name="AlreadyInstalled">True when the model was in place and nothing was fetched.</param>
public sealed record ModelPullResult(string ModelName, string InstalledDirectory, long BytesDownloaded, bool AlreadyInstalled)
{
    /// <summary>The catalogue name of the model this pull replaced in the role folder, or null.</summary>
    public string? ReplacedModel { get; init; }

    /// <summary>Files whose SHA-256 was not checked against a known value (neither the catalogue nor the Hub's
    /// <c>X-Linked-Etag</c> gave one); their computed SHA-256 is only recorded in the manifest. Empty when all were checked.</summary>
    public IReadOnlyList<string> UnverifiedFiles { get; init; } = [];
}
