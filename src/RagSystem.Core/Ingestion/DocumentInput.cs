using RagSystem.Storage;

namespace RagSystem.Ingestion;

/// <summary>One document handed to <see cref="IngestionPipeline.IngestAsync"/>: a name, a way to read its bytes, and optional
/// tags. A folder sync makes one per file; an HTTP upload makes one per uploaded part.</summary>
public sealed class DocumentInput
{
    private readonly Func<CancellationToken, Task<Stream>> _open;
    private readonly bool _disposeStream;

    /// <summary>Creates an input whose bytes come from <paramref name="open"/>, called once; the stream it returns is disposed
    /// after reading when <paramref name="disposeStream"/> is true.</summary>
    /// <param name="name">The document's name within its source, such as a relative path (<c>guides/setup.md</c>); its
    /// extension helps pick the reader. Stored as the document's path; with the source it derives the document id.</param>
    /// <param name="open">Opens the bytes. Called at most once.</param>
    /// <param name="sizeBytes">The size when known up front, so an oversized input is refused without reading it.</param>
    /// <param name="tags">Tags stored with the document, for search filters.</param>
    /// <param name="disposeStream">Whether the pipeline disposes the stream after reading it.</param>
    public DocumentInput(string name, Func<CancellationToken, Task<Stream>> open, long? sizeBytes = null, IReadOnlyList<string>? tags = null,
        bool disposeStream = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(open);
        Name = DocumentIds.NormalizeRelativePath(name);
        if (Name.Length == 0) throw new ArgumentException($"'{name}' is not a usable document name.", nameof(name));
        _open = open;
        _disposeStream = disposeStream;
        SizeBytes = sizeBytes;
        Tags = tags;
    }

    /// <summary>The normalised name: forward slashes, no leading <c>./</c> or <c>/</c>.</summary>
    public string Name { get; }

    /// <summary>The size when known before reading, else null.</summary>
    public long? SizeBytes { get; }

    /// <summary>Tags stored with the document, or null for none.</summary>
    public IReadOnlyList<string>? Tags { get; }

    /// <summary>A file on disk, named <paramref name="name"/> (for example its path relative to the synced folder).</summary>
    public static DocumentInput FromFile(string fullPath, string name, IReadOnlyList<string>? tags = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fullPath);
        var size = File.Exists(fullPath) ? new FileInfo(fullPath).Length : (long?)null;
        return new DocumentInput(name, _ => Task.FromResult<Stream>(
            new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true)), size, tags);
    }

    /// <summary>A stream the caller owns (an upload's body): it is read once and not disposed.</summary>
    public static DocumentInput FromStream(string name, Stream stream, IReadOnlyList<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        long? size = stream.CanSeek ? stream.Length - stream.Position : null;
        return new DocumentInput(name, _ => Task.FromResult(stream), size, tags, disposeStream: false);
    }

    /// <summary>Reads all bytes, or returns null as soon as they pass <paramref name="maxBytes"/> (so a huge upload is never
    /// held in memory whole).</summary>
    internal async Task<byte[]?> ReadBytesAsync(long maxBytes, CancellationToken cancellationToken)
    {
        var stream = await _open(cancellationToken);
        try
        {
            var buffer = new MemoryStream(SizeBytes is { } known && known <= maxBytes ? (int)known : 0);
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > maxBytes) return null;
                buffer.Write(chunk, 0, read);
            }
            return buffer.Length == buffer.Capacity ? buffer.GetBuffer() : buffer.ToArray();
        }
        finally
        {
            if (_disposeStream) await stream.DisposeAsync();
        }
    }
}
