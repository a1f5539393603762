using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;
using RagSystem.Api.Security;
using RagSystem.Storage;

namespace RagSystem.Api.Endpoints;

/// <summary><c>GET /v1/documents/{id}/file</c>: the ingested original, read-only, so a citation can open it (a PDF at its page
/// with <c>#page=N</c>). The file is found and confined by <see cref="OriginalFileLocator"/>; range requests are served.</summary>
public static class DocumentFileEndpoint
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    /// <summary>Maps the endpoint onto the documents group.</summary>
    public static RouteGroupBuilder MapDocumentFile(this RouteGroupBuilder documents)
    {
        documents.MapGet("/{id}/file", GetFileAsync)
            .WithName("GetDocumentFile").WithSummary("Serves a document's original file (read-only, range requests allowed)")
            .WithDescription("Only files that still resolve inside an allowed root are served: a recorded path that leaves its folder, "
                + "or resolves outside the roots through `..` or a symbolic link, is 403. Uploaded documents keep no original (404), "
                + "nor do files deleted since ingestion (404). Files other than PDFs are sandboxed (`Content-Security-Policy: sandbox`), "
                + "so an ingested HTML page cannot run script with the service's origin.")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .Produces(StatusCodes.Status206PartialContent)
            .Produces<ProblemDetails>(StatusCodes.Status403Forbidden)
            .Produces<ProblemDetails>(StatusCodes.Status404NotFound);
        return documents;
    }

    private static async Task<IResult> GetFileAsync(string id, HttpContext context, IChunkStore store, OriginalFileLocator locator, CancellationToken ct)
    {
        var document = await store.GetDocumentAsync(id, ct)
            ?? throw new RagException(RagErrorKind.NotFound, $"There is no document '{id}'; GET /v1/documents lists them.");
        var path = await locator.LocateAsync(document, ct);
        if (!ContentTypes.TryGetContentType(path, out var contentType)) contentType = "application/octet-stream";
        var headers = context.Response.Headers;
        // Chromium refuses to show a sandboxed PDF, and its viewer runs no script with our origin anyway; anything else
        // (an ingested HTML page above all) is sandboxed so it cannot read the page's storage, where the API key is kept.
        if (contentType != "application/pdf") headers.ContentSecurityPolicy = "sandbox";
        headers.XContentTypeOptions = "nosniff";
        headers.ContentDisposition = new ContentDispositionHeaderValue("inline") { FileNameStar = Path.GetFileName(path) }.ToString();
        return TypedResults.PhysicalFile(path, contentType, enableRangeProcessing: true);
    }
}
