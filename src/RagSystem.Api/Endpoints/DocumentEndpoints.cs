using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using RagSystem.Api.Contracts;
using RagSystem.Api.Jobs;
using RagSystem.Api.Security;
using RagSystem.Storage;

namespace RagSystem.Api.Endpoints;

/// <summary>Stored documents: <c>POST /v1/documents</c> (upload), <c>GET /v1/documents</c> (paged),
/// <c>GET/DELETE /v1/documents/{id}</c>.</summary>
public static class DocumentEndpoints
{
    /// <summary>Maps the endpoints onto the <c>/v1</c> group.</summary>
    public static RouteGroupBuilder MapDocumentEndpoints(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/documents").WithTags("Documents");
        group.MapDocumentUpload();
        group.MapDocumentFile();
        group.MapGet("/", ListAsync)
            .WithName("ListDocuments").WithSummary("Lists stored documents by path, a page at a time")
            .Produces<ProblemDetails>(StatusCodes.Status400BadRequest);
        group.MapGet("/{id}", GetAsync)
            .WithName("GetDocument").WithSummary("Gets one document; with ?chunks=true also its chunks")
            .Produces<ProblemDetails>(StatusCodes.Status404NotFound);
        group.MapDelete("/{id}", DeleteAsync)
            .WithName("DeleteDocument").WithSummary("Removes a document and its chunks from the index")
            .WithMetadata(RequiresWriteAccess.Instance)
            .Produces<ProblemDetails>(StatusCodes.Status404NotFound);
        return v1;
    }

    private static async Task<Ok<PageJson<DocumentJson>>> ListAsync(IChunkStore store, int? offset, int? limit, CancellationToken ct)
    {
        var (o, l) = Paging.Check(offset, limit);
        var all = await store.ListDocumentsAsync(ct);
        return TypedResults.Ok(new PageJson<DocumentJson>(all.Skip(o).Take(l).Select(d => DocumentJson.From(d)).ToList(), o, l, all.Count));
    }

    private static async Task<Ok<DocumentJson>> GetAsync(string id, IChunkStore store, bool? chunks, CancellationToken ct)
    {
        var document = await store.GetDocumentAsync(id, ct) ?? throw NotFound(id);
        IReadOnlyList<ChunkJson>? list = null;
        if (chunks == true)
        {
            list = (await store.GetChunksAsync(id, ct)).Select(c => new ChunkJson(c.Id, c.Ordinal, c.Text, c.TokenCount, c.PageStart, c.PageEnd,
                c.HeadingPath.Count > 0 ? string.Join(" > ", c.HeadingPath) : null)).ToList();
        }
        return TypedResults.Ok(DocumentJson.From(document, list));
    }

    private static async Task<NoContent> DeleteAsync(string id, IChunkStore store, IngestionWriterGate writer, CancellationToken ct)
    {
        using (await writer.EnterAsync(ct))
        {
            if (!await store.DeleteDocumentAsync(id, ct)) throw NotFound(id);
        }
        return TypedResults.NoContent();
    }

    private static RagException NotFound(string id) => new(RagErrorKind.NotFound, $"There is no document '{id}'; GET /v1/documents lists them.");
}
