namespace RagSystem.Models;

/// <summary>What the attempts at one file have learned so far.</summary>
internal sealed class FileDownloadState
{
    /// <summary>Bytes fetched over the network across all attempts.</summary>
    public long Fetched { get; set; }

    /// <summary>The SHA-256 the Hub announced in <c>X-Linked-Etag</c> on its redirect to the CDN, or null.</summary>
    public string? LinkedSha256 { get; set; }
}
