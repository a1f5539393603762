using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace RagSystem.Storage.Sqlite;

/// <summary>Maps between records and rows: column lists, JSON for string lists, float32 blobs for vectors.</summary>
internal static class SqliteRows
{
    /// <summary>Chunk columns in the order <see cref="ReadChunk"/> expects, for the table aliased <c>c</c>.</summary>
    public const string ChunkColumns =
        "c.id, c.document_id, c.ordinal, c.text, c.token_count, c.page_start, c.page_end, c.heading_path, c.start, c.length, c.embedding_model, c.vector, c.page_label, c.ocr_confidence";

    /// <summary>How many columns <see cref="ChunkColumns"/> lists: a query's own columns follow from this index.</summary>
    public const int ChunkColumnCount = 14;

    /// <summary><see cref="ChunkColumns"/> with the vector left out (read as NULL): search results and chunk reads carry no
    /// vector unless asked, and not reading the blob saves its I/O.</summary>
    public const string ChunkColumnsWithoutVector =
        "c.id, c.document_id, c.ordinal, c.text, c.token_count, c.page_start, c.page_end, c.heading_path, c.start, c.length, c.embedding_model, NULL, c.page_label, c.ocr_confidence";

    /// <summary>The chunk column list with or without the vector.</summary>
    public static string ChunkColumnsFor(bool includeVectors) => includeVectors ? ChunkColumns : ChunkColumnsWithoutVector;

    /// <summary>Document columns in the order <see cref="ReadDocument"/> expects, for the table aliased <c>d</c>.</summary>
    public const string DocumentColumns =
        "d.id, d.path, d.content_hash, d.size_bytes, d.format, d.chunk_count, d.embedding_model, d.ingested_utc, d.title, d.tags, d.ocr_pages";

    public static DocumentFailureRecord ReadFailure(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2),
        Enum.TryParse<Documents.DocumentFailureKind>(r.GetString(3), out var kind) ? kind : Documents.DocumentFailureKind.Corrupt,
        r.GetString(4), DateTimeOffset.Parse(r.GetString(5), System.Globalization.CultureInfo.InvariantCulture));

    public static ChunkRecord ReadChunk(SqliteDataReader r, int first = 0) => new(
        Guid.Parse(r.GetString(first)),
        r.GetString(first + 1),
        r.GetInt32(first + 2),
        r.GetString(first + 3),
        r.GetInt32(first + 4),
        r.IsDBNull(first + 5) ? null : r.GetInt32(first + 5),
        r.IsDBNull(first + 6) ? null : r.GetInt32(first + 6),
        ReadList(r.GetString(first + 7)),
        r.GetInt32(first + 8),
        r.GetInt32(first + 9),
        r.IsDBNull(first + 10) ? null : r.GetString(first + 10),
        r.IsDBNull(first + 11) ? null : ToVector((byte[])r.GetValue(first + 11)),
        r.IsDBNull(first + 12) ? null : r.GetString(first + 12),
        r.IsDBNull(first + 13) ? null : r.GetDouble(first + 13));

    public static DocumentRecord ReadDocument(SqliteDataReader r) => new(
        r.GetString(0),
        r.GetString(1),
        r.GetString(2),
        r.GetInt64(3),
        r.GetString(4),
        r.GetInt32(5),
        r.IsDBNull(6) ? null : r.GetString(6),
        DateTimeOffset.Parse(r.GetString(7), System.Globalization.CultureInfo.InvariantCulture),
        r.IsDBNull(8) ? null : r.GetString(8),
        ReadList(r.GetString(9)),
        r.GetInt32(10));

    public static string WriteList(IReadOnlyList<string>? values) => JsonSerializer.Serialize(values?.ToArray() ?? []);

    public static IReadOnlyList<string> ReadList(string json) => JsonSerializer.Deserialize<string[]>(json) ?? [];

    /// <summary>The vector as little-endian float32 bytes (the store's on-disk format).</summary>
    public static byte[] ToBlob(float[] vector) => MemoryMarshal.AsBytes(vector.AsSpan()).ToArray();

    public static float[] ToVector(byte[] blob) => MemoryMarshal.Cast<byte, float>(blob.AsSpan()).ToArray();

    /// <summary>The text indexed in the FTS heading column: the heading path joined outermost first.</summary>
    public static string HeadingText(IReadOnlyList<string> headingPath) => string.Join(" / ", headingPath);
}
