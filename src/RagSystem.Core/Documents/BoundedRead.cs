namespace RagSystem.Documents;

/// <summary>Reads a stream to its end, but never past a limit: a stream that does not end (a device, a procfs entry,
/// a growing file) stops at the limit with a clear reason instead of filling memory.</summary>
internal static class BoundedRead
{
    /// <summary>The limit used where no caller-supplied one applies (the registry's and the readers' own reads); the
    /// same as the default <c>Ingestion:MaxFileBytes</c>, 200 MB.</summary>
    public const long DefaultMaxBytes = 200L * 1024 * 1024;

    private const int ChunkBytes = 1 << 16;

    /// <summary>The bytes of <paramref name="stream"/> from its position to its end.</summary>
    /// <param name="stream">The stream.</param>
    /// <param name="maxBytes">Fail once more than this many bytes were read.</param>
    /// <param name="expectedBytes">The length the caller expects (sizes the buffer once); may be wrong.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <exception cref="DocumentReadException">More than <paramref name="maxBytes"/> (kind <see cref="DocumentFailureKind.TooLarge"/>).</exception>
    public static async Task<byte[]> ReadAsync(Stream stream, long maxBytes, long expectedBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var capacity = (int)Math.Min(Math.Max(expectedBytes, 0), Math.Min(maxBytes, Array.MaxLength));
        using var buffer = new MemoryStream(capacity);
        var chunk = new byte[ChunkBytes];
        while (true)
        {
            var read = await stream.ReadAsync(chunk, cancellationToken);
            if (read == 0) break;
            if (buffer.Length + read > maxBytes)
                throw new DocumentReadException(DocumentFailureKind.TooLarge,
                    $"holds more than {maxBytes / (1024.0 * 1024):0.#} MB (Ingestion:MaxFileBytes); reading stopped there");
            buffer.Write(chunk, 0, read);
        }
        // When the length was as expected the buffer is exactly full: hand it over instead of copying it.
        return buffer.Length == buffer.Capacity ? buffer.GetBuffer() : buffer.ToArray();
    }
}
