using System.Security.Cryptography;
using System.Text;

namespace RagSystem.Storage;

/// <summary>Deterministic identities, so re-ingesting unchanged content writes nothing new.</summary>
public static class DocumentIds
{
    /// <summary>Normalises a path relative to the ingested root: forward slashes, no leading <c>./</c>.</summary>
    public static string NormalizeRelativePath(string relativePath)
    {
        var p = relativePath.Replace('\\', '/');
        while (p.StartsWith("./", StringComparison.Ordinal)) p = p[2..];
        return p.TrimStart('/');
    }

    /// <summary>The document id for a path relative to the ingested root: the first 16 bytes of
    /// SHA-256 of the normalised path, as 32 hex characters.</summary>
    public static string ForPath(string relativePath)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(NormalizeRelativePath(relativePath)));
        return Convert.ToHexStringLower(bytes.AsSpan(0, 16));
    }

    /// <summary>A UUID (version 5 style, from SHA-256) for (document id, content hash, ordinal).</summary>
    public static Guid ChunkId(string documentId, string contentHash, int ordinal)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{documentId}\n{contentHash}\n{ordinal}"), hash);
        var b = hash[..16].ToArray();
        b[6] = (byte)((b[6] & 0x0F) | 0x50);
        b[8] = (byte)((b[8] & 0x3F) | 0x80);
        return new Guid(b, bigEndian: true);
    }
}
