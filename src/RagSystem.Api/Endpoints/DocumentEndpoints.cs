using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
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
            .WithDescription("Each document carries its `status`: `indexed`, or `failed` with the `failure` (kind, reason) of its current "
                + "bytes while an earlier version stays indexed. With `include=failed` the documents that failed before they were ever "
                + "stored are listed too, in path order among the others.")
            .Produces<ProblemDetails>(StatusCodes.Status400BadRequest);
        group.MapGet("/{id}", GetAsync)
            .WithName("GetDocument").WithSummary("Gets one document; with ?chunks=true also its chunks")
            .Produces<ProblemDetails>(StatusCodes.Status404NotFound);
        group.MapDelete("/{id}", DeleteAsync)
            .WithName("DeleteDocument").WithSummary("Removes a document and its chunks from the index")
            .WithMetadata(RequiresWriteAccess.Instance)
            .Produces<ProblemDetails>(StatusCodes.Status404NotFound).Produces<ProblemDetails>(StatusCodes.Status503ServiceUnavailable);
        return v1;
    }

    private static async Task<Ok<PageJson<DocumentJson>>> ListAsync(IChunkStore store, int? offset, int? limit, string? include, CancellationToken ct)
    {
        var (o, l) = Paging.Check(offset, limit);
        var withFailed = include switch
        {
            null or "" => false,
            "failed" => true,
            _ => throw new RagException(RagErrorKind.InvalidInput, $"include is '{include}'; the one value it takes is 'failed'."),
        };
        var documents = await store.ListDocumentsAsync(ct);
        var failures = (await store.ListFailuresAsync(ct)).ToDictionary(f => f.DocumentId, StringComparer.Ordinal);
        var all = documents.Select(d => DocumentJson.From(d, failure: failures.GetValueOrDefault(d.Id))).ToList();
        if (withFailed)
        {
            var stored = documents.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
            all.AddRange(failures.Values.Where(f => !stored.Contains(f.DocumentId)).Select(DocumentJson.FromFailure));
            all.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        }
        return TypedResults.Ok(new PageJson<DocumentJson>(all.Skip(o).Take(l).ToList(), o, l, all.Count));
    }

    private static async Task<Ok<DocumentJson>> GetAsync(string id, IChunkStore store, bool? chunks, CancellationToken ct)
    {
        var document = await store.GetDocumentAsync(id, ct) ?? throw NotFound(id);
        var failure = (await store.ListFailuresAsync(ct)).FirstOrDefault(f => f.DocumentId == id);
        IReadOnlyList<ChunkJson>? list = null;
        if (chunks == true)
        {
            list = (await store.GetChunksAsync(id, ct)).Select(ChunkJson.From).ToList();
        }
        return TypedResults.Ok(DocumentJson.From(document, list, failure));
    }

    private static async Task<NoContent> DeleteAsync(string id, IChunkStore store, IngestionWriterGate writer, IOptions<ApiOptions> api, CancellationToken ct)
    {
        using (await writer.EnterWithinAsync(api.Value.WriterWait, ct))
        {
            if (!await store.DeleteDocumentAsync(id, ct)) throw NotFound(id);
        }
        return TypedResults.NoContent();
    }

    private static RagException NotFound(string id) => new(RagErrorKind.NotFound, $"There is no document '{id}'; GET /v1/documents lists them.");
}
