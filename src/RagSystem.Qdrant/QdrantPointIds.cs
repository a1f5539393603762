using System.Security.Cryptography;
using System.Text;
using RagSystem.Storage;

namespace RagSystem.Qdrant;

/// <summary>Deterministic point ids and write versions.</summary>
internal static class QdrantPointIds
{
    /// <summary>The point of a chunk written by one version: a UUID derived from the chunk id and the version. The same chunk
    /// written by the same version always lands on the same point (re-upserting is idempotent), and a new version never
    /// overwrites a point the current version still shows (the chunk id alone would collide when the same bytes are
    /// chunked again under other settings).</summary>
    public static Guid Chunk(Guid chunkId, string version) => Uuid($"chunk\n{chunkId:D}\n{version}");

    /// <summary>The point holding a document's state.</summary>
    public static Guid Document(string documentId) => Uuid($"document\n{documentId}");

    /// <summary>The point holding a document's remembered failure.</summary>
    public static Guid Failure(string documentId) => Uuid($"failure\n{documentId}");

    /// <summary>A version id that fingerprints one write: the content hash, then each chunk's id, text and model. Identical
    /// writes get identical versions.</summary>
    public static string Version(DocumentRecord document, IReadOnlyList<ChunkRecord> chunks)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{document.ContentHash}\n{document.EmbeddingModel}\n{chunks.Count}\n"));
        foreach (var chunk in chunks)
        {
            hash.AppendData(Encoding.UTF8.GetBytes($"{chunk.Id:D}\n{chunk.EmbeddingModel}\n{chunk.Vector?.Length ?? 0}\n{chunk.HeadingPath.Count}\n"));
            foreach (var heading in chunk.HeadingPath) hash.AppendData(Encoding.UTF8.GetBytes(heading + "\n"));
            hash.AppendData(Encoding.UTF8.GetBytes(chunk.Text));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset().AsSpan(0, 16));
    }

    private static Guid Uuid(string name)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(name), digest);
        var b = digest[..16].ToArray();
        b[6] = (byte)((b[6] & 0x0F) | 0x50);
        b[8] = (byte)((b[8] & 0x3F) | 0x80);
        return new Guid(b, bigEndian: true);
    }
}
