using Microsoft.AspNetCore.Mvc;
using RagSystem.Api.Security;

namespace RagSystem.Api.Endpoints;

/// <summary><c>POST /v1/documents</c>: multipart upload of one or more files.</summary>
public static class DocumentUploadEndpoint
{
    /// <summary>Maps the upload onto the documents group.</summary>
    public static RouteGroupBuilder MapDocumentUpload(this RouteGroupBuilder documents)
    {
        documents.MapPost("/", UploadAsync)
            .WithName("UploadDocuments").WithSummary("Uploads files: small uploads are ingested before the reply (201), large ones become a job (202)")
            .WithMetadata(RequiresWriteAccess.Instance)
            .DisableAntiforgery()
            .Produces<ProblemDetails>(StatusCodes.Status400BadRequest).Produces<ProblemDetails>(StatusCodes.Status413PayloadTooLarge)
            .Produces<ProblemDetails>(StatusCodes.Status415UnsupportedMediaType);
        return documents;
    }

    private static IResult UploadAsync() =>
        throw new RagException(RagErrorKind.Unavailable, "Uploads need the document ingestion API, which this build lacks.");
}
