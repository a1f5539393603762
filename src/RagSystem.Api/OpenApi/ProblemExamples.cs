using Microsoft.AspNetCore.Mvc;
using RagSystem.Api.Hosting;

namespace RagSystem.Api.OpenApi;

/// <summary>Example ProblemDetails for each error status the API answers with, built through
/// <see cref="RagProblemMapping"/> (so titles and <c>kind</c> are the ones the service sends) or, for the middleware's
/// 401/403/429, with the texts the middleware writes.</summary>
internal static class ProblemExamples
{
    /// <summary>A problem for <paramref name="status"/> on the operation <paramref name="operationId"/>; a generic one for a
    /// status without a specific example.</summary>
    public static ProblemDetails For(int status, string? operationId) => (status, operationId) switch
    {
        (StatusCodes.Status503ServiceUnavailable, "Embeddings") => Rag(RagErrorKind.Unavailable,
            "No embedding model is installed; run `rag models pull bge-small-en-v1.5` on the server."),
        (_, "StartIngestion") when status == StatusCodes.Status403Forbidden => Rag(RagErrorKind.Forbidden,
            "'/etc' is outside the allowed roots (/srv/docs)."),
        _ => For(status),
    };

    private static ProblemDetails For(int status) => status switch
    {
        StatusCodes.Status400BadRequest => Rag(RagErrorKind.InvalidInput, "top_k is 0; it must be between 1 and 50 (Rag:Api:MaxTopK)."),
        StatusCodes.Status401Unauthorized => Plain(status, "API key required", "Send an API key in the X-Api-Key header or as Authorization: Bearer <key>."),
        StatusCodes.Status403Forbidden => Plain(status, "Read-only key",
            "This key may query and search only; ingesting and deleting need a key configured with ':rw'."),
        StatusCodes.Status404NotFound => Rag(RagErrorKind.NotFound, "There is no ingestion job 'nope'; GET /v1/ingestions lists them."),
        StatusCodes.Status409Conflict => Rag(RagErrorKind.Conflict, "Job 7d1e0c5a9b2f4e3d8c6a5b4f3e2d1c0b has already succeeded; only queued or running jobs can be cancelled."),
        StatusCodes.Status413PayloadTooLarge => Rag(RagErrorKind.TooLarge,
            "The upload is larger than 67108864 bytes (Rag:Api:MaxUploadBytes); send fewer or smaller files."),
        StatusCodes.Status415UnsupportedMediaType => Rag(RagErrorKind.UnsupportedType,
            "'slides.pptx' is not a type the readers take: upload PDF, Markdown, HTML, DOCX or text, or images (PNG, JPEG, TIFF, WebP, BMP) once the OCR models are installed."),
        StatusCodes.Status429TooManyRequests => Plain(status, "Too many requests", "This key may make 600 requests per 60 s; retry in 12 s."),
        StatusCodes.Status503ServiceUnavailable => Rag(RagErrorKind.Unavailable,
            "The index is busy: another writer, process 4242 (since 2026-11-30T09:15:00Z), holds the index lock (a `rag ingest` or another "
            + "service on the same data folder), and it did not finish within 15 s (Rag:Api:WriterWait). Nothing was written; send the same "
            + "request again after Retry-After."),
        _ => Plain(status, "Error", "The request failed; the detail says what to do."),
    };

    private static ProblemDetails Rag(RagErrorKind kind, string detail) => RagProblemMapping.ToProblem(new RagException(kind, detail))!;

    private static ProblemDetails Plain(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };
}
