using Qdrant.Client.Grpc;
using RagSystem.Qdrant;
using RagSystem.Storage;

namespace RagSystem.Core.Tests.Storage.Qdrant;

/// <summary>A chunk's printed page label and OCR confidence, and a document's OCR page count, travel in the Qdrant payload
/// and come back on read; points written before they existed read as "unknown".</summary>
public sealed class QdrantProvenanceMappingTests
{
    private static readonly DocumentRecord Doc = new(DocumentIds.ForPath("scans/book.pdf"), "scans/book.pdf", "hash", 10, "pdf", 1, null,
        DateTimeOffset.Parse("2026-01-02T03:04:05Z"), "Book", [], OcrPages: 18);

    private static readonly ChunkRecord Chunk = new(DocumentIds.ChunkId(Doc.Id, "hash", 0), Doc.Id, 0, "Scanned words.", 3, 7, 7,
        [], 0, 14, null, null, PageLabel: "xii", OcrConfidence: 0.9321);

    [Fact]
    public void Ocr_provenance_and_page_label_are_in_the_chunk_payload_and_read_back()
    {
        var p = QdrantPointMapper.Chunk(Doc, Chunk, "v1", headingWeight: 2).Payload;

        Assert.Equal("xii", p["page_label"].StringValue);
        Assert.Equal(0.9321, p["ocr_confidence"].DoubleValue);
        Assert.Equal(Chunk, QdrantPointMapper.ReadChunk(p, null) with { HeadingPath = Chunk.HeadingPath });
    }

    [Fact]
    public void Ocr_provenance_is_null_for_text_layer_chunks_and_absent_keys_read_as_unknown()
    {
        var plain = Chunk with { PageLabel = null, OcrConfidence = null };
        var p = QdrantPointMapper.Chunk(Doc, plain, "v1", headingWeight: 2).Payload;
        Assert.Equal(Value.KindOneofCase.NullValue, p["page_label"].KindCase);
        Assert.Equal(Value.KindOneofCase.NullValue, p["ocr_confidence"].KindCase);

        p.Remove("page_label");
        p.Remove("ocr_confidence");
        var read = QdrantPointMapper.ReadChunk(p, null);
        Assert.Null(read.PageLabel);
        Assert.Null(read.OcrConfidence);
    }

    [Fact]
    public void Ocr_page_count_is_on_the_document_point_and_read_back()
    {
        var p = QdrantPointMapper.Document(Doc, [Chunk], "v1").Payload;
        Assert.Equal(18, p["ocr_pages"].IntegerValue);
        Assert.Equal(18, QdrantPointMapper.ReadDocument(p).OcrPages);

        p.Remove("ocr_pages");
        Assert.Equal(0, QdrantPointMapper.ReadDocument(p).OcrPages);
    }
}
