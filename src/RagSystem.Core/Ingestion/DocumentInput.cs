using RagSystem.Documents;
using RagSystem.Storage;

namespace RagSystem.Ingestion;

/// <summary>One document handed to <see cref="IngestionPipeline.IngestAsync"/>: a name, a way to read its bytes, and optional
/// tags. A folder sync makes one per file; an HTTP upload makes one per uploaded part.</summary>
public sealed class DocumentInput
{
    private readonly Func<CancellationToken, Task<Stream>>? _open;
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

    private DocumentInput(string name, string? fullPath, long? sizeBytes, IReadOnlyList<string>? tags, SourceProblem? problem, bool isUnlistedFolder)
    {
        // A problem entry keeps the name the walk reported it under: already forward-slashed, with undecodable bytes and control
        // characters escaped (a backslash there is part of an escape, not a separator), and possibly no usable document name
        // (an unreadable root is ".").
        Name = problem is null ? DocumentIds.NormalizeRelativePath(name) : name;
        if (Name.Length == 0) throw new ArgumentException($"'{name}' is not a usable document name.", nameof(name));
        FullPath = fullPath;
        SizeBytes = sizeBytes;
        Tags = tags;
        Problem = problem;
        IsUnlistedFolder = isUnlistedFolder;
    }

    /// <summary>The normalised name: forward slashes, no leading <c>./</c> or <c>/</c>.</summary>
    public string Name { get; }

    /// <summary>The size when known before reading, else null.</summary>
    public long? SizeBytes { get; }

    /// <summary>Tags stored with the document, or null for none.</summary>
    public IReadOnlyList<string>? Tags { get; }

    /// <summary>The file on disk this input reads, or null for a stream input.</summary>
    internal string? FullPath { get; }

    /// <summary>Why this input is reported without being opened (a path the folder walk could not read as a regular file),
    /// or null for an input to read.</summary>
    internal SourceProblem? Problem { get; }

    /// <summary>True when this input stands for a folder that could not be listed: documents stored under it are kept.</summary>
    internal bool IsUnlistedFolder { get; }

    /// <summary>A file on disk, named <paramref name="name"/> (for example its path relative to the synced folder). Only a
    /// regular file is opened, and it is never read past <c>Ingestion:MaxFileBytes</c>, whatever its reported length.</summary>
    public static DocumentInput FromFile(string fullPath, string name, IReadOnlyList<string>? tags = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fullPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var size = File.Exists(fullPath) ? new FileInfo(fullPath).Length : (long?)null;
        return new DocumentInput(name, fullPath, size, tags, problem: null, isUnlistedFolder: false);
    }

    /// <summary>A stream the caller owns (an upload's body): it is read once and not disposed.</summary>
    public static DocumentInput FromStream(string name, Stream stream, IReadOnlyList<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        long? size = stream.CanSeek ? stream.Length - stream.Position : null;
        return new DocumentInput(name, _ => Task.FromResult(stream), size, tags, disposeStream: false);
    }

    /// <summary>An entry of a folder walk (<see cref="DocumentSource"/>): a regular file to read, or a path with a
    /// <see cref="SourceFile.Problem"/>, which is reported as this input's failure without opening anything.</summary>
    internal static DocumentInput FromSourceFile(SourceFile file, IReadOnlyList<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        return file.Problem is null
            ? new DocumentInput(file.RelativePath, file.FullPath, file.SizeBytes, tags, problem: null, isUnlistedFolder: false)
            : new DocumentInput(file.RelativePath, fullPath: null, sizeBytes: null, tags, file.Problem, file.IsFolder);
    }

    /// <summary>Reads all bytes, but never more than <paramref name="maxBytes"/> (so a huge upload or a device is never held in
    /// memory whole). A file input is opened only when it is a regular file.</summary>
    /// <exception cref="DocumentReadException">The input holds more than <paramref name="maxBytes"/> (kind
    /// <see cref="DocumentFailureKind.TooLarge"/>), or its file is no longer a regular file.</exception>
    internal async Task<byte[]> ReadBytesAsync(long maxBytes, CancellationToken cancellationToken)
    {
        if (Problem is not null) throw new InvalidOperationException($"{Name} is reported, not read: {Problem.Reason}");
        if (FullPath is not null) return await BoundedFileRead.ReadAsync(FullPath, maxBytes, cancellationToken);
        var stream = await _open!(cancellationToken);
        try
        {
            return await BoundedRead.ReadAsync(stream, maxBytes, SizeBytes ?? 0, cancellationToken);
        }
        finally
        {
            if (_disposeStream) await stream.DisposeAsync();
        }
    }
}
