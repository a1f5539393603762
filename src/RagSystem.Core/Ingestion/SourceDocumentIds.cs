using System.Security.Cryptography;
using System.Text;
using RagSystem.Storage;

namespace RagSystem.Ingestion;

/// <summary>Document ids that carry their source. A <em>source</em> is the name of where documents come from (one synced
/// folder, the uploads of an API, …); a folder sync deletes only the vanished documents of its own source, so two sources
/// never delete each other's documents, and two sources may hold documents of the same name without colliding.
/// <para>The source is recorded in the id itself rather than in a separate column: a stored document belongs to source
/// <c>s</c> exactly when its id equals <see cref="For"/>(<c>s</c>, its path). This needs no change to the store contract,
/// works for remembered failures too, and keeps every id written before sources existed: the default source
/// (<see cref="DefaultSource"/>, the empty string, used by the CLI's one-folder index) derives ids with
/// <see cref="DocumentIds.ForPath"/> exactly as before.</para></summary>
public static class SourceDocumentIds
{
    /// <summary>The default source: the one folder a CLI index mirrors. Its ids are <see cref="DocumentIds.ForPath"/> of the path.</summary>
    public const string DefaultSource = "";

    /// <summary>The id of document <paramref name="name"/> in <paramref name="source"/>: <see cref="DocumentIds.ForPath"/> for the
    /// default source, else the first 16 bytes of SHA-256 over <c>source NUL name</c> (32 hex characters).</summary>
    public static string For(string source, string name)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Length == 0) return DocumentIds.ForPath(name);
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"{source}\0{DocumentIds.NormalizeRelativePath(name)}"));
        return Convert.ToHexStringLower(bytes.AsSpan(0, 16));
    }

    /// <summary>True when the document (or failure) with this id and path belongs to <paramref name="source"/>.</summary>
    public static bool BelongsTo(string source, string documentId, string path) =>
        string.Equals(For(source, path), documentId, StringComparison.Ordinal);
}
