using RagSystem.Api.Jobs;
using RagSystem.Ingestion;
using RagSystem.Storage;

namespace RagSystem.Api.Contracts;

/// <summary>A stored document.</summary>
/// <param name="Id">Its id (from its path).</param>
/// <param name="Path">Its path relative to the ingested folder (or its upload name).</param>
/// <param name="Title">Title, when the format has one.</param>
/// <param name="Format">pdf, markdown, html, docx or text; null for a document that failed before it was ever stored.</param>
/// <param name="SizeBytes">Size when ingested.</param>
/// <param name="ContentHash">SHA-256 of its bytes.</param>
/// <param name="ChunkCount">Chunks stored.</param>
/// <param name="EmbeddingModel">The encoder behind its vectors, or null.</param>
/// <param name="IngestedUtc">When this version was written (for a document that was never stored: when it failed).</param>
/// <param name="Tags">Its tags.</param>
/// <param name="Chunks">Its chunks, when asked for with <c>?chunks=true</c>.</param>
/// <param name="OriginalUrl">Where <c>GET /v1/documents/{id}/file</c> serves its original, or null for an upload (uploads keep no
/// copy). The file itself may since have been moved or deleted (404 then).</param>
/// <param name="Status"><c>indexed</c> (its chunks are searchable), or <c>failed</c>: its current bytes could not be ingested
/// (see <paramref name="Failure"/>); a failed document that was stored before keeps its earlier version indexed.</param>
/// <param name="Failure">Why its current bytes failed, or null.</param>
public sealed record DocumentJson(string Id, string Path, string? Title, string? Format, long SizeBytes, string ContentHash, int ChunkCount,
    string? EmbeddingModel, DateTimeOffset IngestedUtc, IReadOnlyList<string> Tags, IReadOnlyList<ChunkJson>? Chunks = null, string? OriginalUrl = null,
    string Status = DocumentJson.Indexed, DocumentFailureJson? Failure = null)
{
    /// <summary>Pages (or images) of the document whose text was read by OCR; 0 when none (<c>ocr_pages</c>).</summary>
    public int OcrPages { get; init; }

    /// <summary>The status of a document whose current version is stored.</summary>
    public const string Indexed = "indexed";

    /// <summary>The status of a document whose current bytes failed.</summary>
    public const string Failed = "failed";

    /// <summary>Maps a store record, with the failure remembered for the same document when there is one.</summary>
    public static DocumentJson From(DocumentRecord d, IReadOnlyList<ChunkJson>? chunks = null, DocumentFailureRecord? failure = null) =>
        new(d.Id, d.Path, d.Title, d.Format, d.SizeBytes, d.ContentHash, d.ChunkCount, d.EmbeddingModel, d.IngestedUtc, d.Tags ?? [], chunks,
            OriginalOf(d.Id, d.Path), failure is null ? Indexed : Failed, failure is null ? null : DocumentFailureJson.From(failure))
        {
            OcrPages = d.OcrPages,
        };

    /// <summary>Maps a failure of a document that was never stored.</summary>
    public static DocumentJson FromFailure(DocumentFailureRecord f) =>
        new(f.DocumentId, f.Path, null, null, 0, f.ContentHash, 0, null, f.FailedUtc, [], null, OriginalOf(f.DocumentId, f.Path), Failed,
            DocumentFailureJson.From(f));

    private static string? OriginalOf(string id, string path) =>
        SourceDocumentIds.BelongsTo(IngestionJobExecutor.UploadSource, id, path) ? null : $"/v1/documents/{id}/file";
}
