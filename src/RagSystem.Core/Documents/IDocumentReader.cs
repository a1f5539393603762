namespace RagSystem.Documents;

/// <summary>Turns the bytes of one file format into a <see cref="Document"/>.</summary>
public interface IDocumentReader
{
    /// <summary>A short format name used in reports, for example <c>pdf</c>.</summary>
    string Format { get; }

    /// <summary>Whether this reader handles the file, judged from its name.</summary>
    bool CanRead(string path);

    /// <summary>Reads the document. Throws <see cref="DocumentReadException"/> with a specific reason
    /// when the file is encrypted, corrupt, empty or has no extractable text.</summary>
    Task<Document> ReadAsync(Stream stream, string path, CancellationToken cancellationToken = default);
}
