using RagSystem.Storage;

namespace RagSystem.Api.Contracts;

/// <summary>A stored document.</summary>
/// <param name="Id">Its id (from its path).</param>
/// <param name="Path">Its path relative to the ingested folder (or its upload name).</param>
/// <param name="Title">Title, when the format has one.</param>
/// <param name="Format">pdf, markdown, html, docx or text.</param>
/// <param name="SizeBytes">Size when ingested.</param>
/// <param name="ContentHash">SHA-256 of its bytes.</param>
/// <param name="ChunkCount">Chunks stored.</param>
/// <param name="EmbeddingModel">The encoder behind its vectors, or null.</param>
/// <param name="IngestedUtc">When this version was written.</param>
/// <param name="Tags">Its tags.</param>
/// <param name="Chunks">Its chunks, when asked for with <c>?chunks=true</c>.</param>
public sealed record DocumentJson(string Id, string Path, string? Title, string Format, long SizeBytes, string ContentHash, int ChunkCount,
    string? EmbeddingModel, DateTimeOffset IngestedUtc, IReadOnlyList<string> Tags, IReadOnlyList<ChunkJson>? Chunks = null)
{
    /// <summary>Pages (or images) of the document whose text was read by OCR; 0 when none (<c>ocr_pages</c>).</summary>
    public int OcrPages { get; init; }

    /// <summary>Maps a store record.</summary>
    public static DocumentJson From(DocumentRecord d, IReadOnlyList<ChunkJson>? chunks = null) =>
        new(d.Id, d.Path, d.Title, d.Format, d.SizeBytes, d.ContentHash, d.ChunkCount, d.EmbeddingModel, d.IngestedUtc, d.Tags ?? [], chunks)
        {
            OcrPages = d.OcrPages,
        };
}

/// <summary>One chunk of a document.</summary>
/// <param name="Id">The chunk id.</param>
/// <param name="Ordinal">Its position in the document.</param>
/// <param name="Text">Its text.</param>
/// <param name="Tokens">Its length in the encoder's tokens.</param>
/// <param name="Page">First page, or null.</param>
/// <param name="PageEnd">Last page, or null.</param>
/// <param name="Heading">Heading path joined with " &gt; ", or null.</param>
public sealed record ChunkJson(Guid Id, int Ordinal, string Text, int Tokens, int? Page, int? PageEnd, string? Heading);
