namespace RagSystem.Testing;

/// <summary>A fault <see cref="LoopbackHttpServer"/> injects into the responses for one path.</summary>
public sealed class LoopbackFault
{
    /// <summary>Close the connection after this many body bytes (the headers promise the full length).</summary>
    public long? CutAfterBytes { get; init; }

    /// <summary>Answer with this status code and an empty body instead of the file.</summary>
    public int? StatusCode { get; init; }

    /// <summary>Flip the bits of the body byte at this offset.</summary>
    public long? CorruptAtOffset { get; init; }

    /// <summary>Answer 302 with this Location (a path on the same server), as the Hugging Face Hub does for files
    /// kept in its CDN.</summary>
    public string? RedirectTo { get; init; }

    /// <summary>Send the body in 64 KiB pieces with this pause between them, to keep a download in flight.</summary>
    public TimeSpan? ChunkDelay { get; init; }

    /// <summary>With <see cref="RedirectTo"/>: the SHA-256 announced in <c>X-Linked-Etag</c>, as the Hub does for LFS files.</summary>
    public string? LinkedSha256 { get; init; }

    /// <summary>Ignore Range headers and always answer 200 with the whole file.</summary>
    public bool IgnoreRange { get; init; }

    /// <summary>How many requests the fault applies to before the path is served normally; null means all.</summary>
    public int? Times { get; set; }
}
