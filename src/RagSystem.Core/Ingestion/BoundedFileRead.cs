using RagSystem.Documents;

namespace RagSystem.Ingestion;

/// <summary>Reads a whole file, but never more than a limit, whatever the file system says its length is: a device,
/// a procfs entry or a file that grows while it is read stops at the limit instead of filling memory.</summary>
internal static class BoundedFileRead
{
    /// <summary>The file's bytes.</summary>
    /// <exception cref="DocumentReadException">The file is not a regular file now (it changed since it was listed), or holds
    /// more than <paramref name="maxBytes"/> bytes (kind <see cref="DocumentFailureKind.TooLarge"/>).</exception>
    public static async Task<byte[]> ReadAsync(string path, long maxBytes, CancellationToken cancellationToken)
    {
        // Checked again right before opening: opening a FIFO blocks until a writer appears.
        var (kind, size) = FileNode.Stat(path, followLinks: true);
        if (kind != FileNodeKind.Regular)
            throw new DocumentReadException(DocumentFailureKind.Unreadable, $"is not a regular file (it is {FileNode.Describe(kind)}); it was not opened");
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return await BoundedRead.ReadAsync(stream, maxBytes, size, cancellationToken);
    }
}
