using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using RagSystem.Api.Contracts;
using RagSystem.Api.Jobs;
using RagSystem.Api.Security;

namespace RagSystem.Api.Endpoints;

/// <summary>Ingestion jobs: <c>POST/GET /v1/ingestions</c>, <c>GET/DELETE /v1/ingestions/{id}</c>.</summary>
public static class IngestionEndpoints
{
    /// <summary>Maps the endpoints onto the <c>/v1</c> group.</summary>
    public static RouteGroupBuilder MapIngestionEndpoints(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/ingestions").WithTags("Ingestion");
        group.MapPost("/", SubmitAsync)
            .WithName("StartIngestion").WithSummary("Starts a job that brings the index up to date with a folder under an allowed root")
            .WithMetadata(RequiresWriteAccess.Instance)
            .Produces<ProblemDetails>(StatusCodes.Status400BadRequest).Produces<ProblemDetails>(StatusCodes.Status403Forbidden)
            .Produces<ProblemDetails>(StatusCodes.Status404NotFound);
        group.MapGet("/", ListAsync)
            .WithName("ListIngestions").WithSummary("Lists ingestion jobs, newest first")
            .Produces<ProblemDetails>(StatusCodes.Status400BadRequest);
        group.MapGet("/{id}", GetAsync)
            .WithName("GetIngestion").WithSummary("Gets a job's state, counts, progress and per-file failures")
            .Produces<ProblemDetails>(StatusCodes.Status404NotFound);
        group.MapDelete("/{id}", CancelAsync)
            .WithName("CancelIngestion").WithSummary("Cancels a queued or running job; documents already written stay")
            .WithMetadata(RequiresWriteAccess.Instance)
            .Produces<ProblemDetails>(StatusCodes.Status404NotFound).Produces<ProblemDetails>(StatusCodes.Status409Conflict);
        return v1;
    }

    private static async Task<Accepted<IngestionJob>> SubmitAsync(IngestionRequest request, AllowedRoots roots, IngestionJobs jobs, CancellationToken ct)
    {
        var folder = roots.Resolve(request.Path);
        var job = await jobs.SubmitAsync(IngestionJob.Create(JobKind.Folder, folder), ct);
        return TypedResults.Accepted($"/v1/ingestions/{job.Id}", job);
    }

    private static async Task<Ok<PageJson<IngestionJob>>> ListAsync(IngestionJobs jobs, int? offset, int? limit, CancellationToken ct)
    {
        var (o, l) = Paging.Check(offset, limit);
        var (items, total) = await jobs.Store.ListAsync(o, l, ct);
        return TypedResults.Ok(new PageJson<IngestionJob>(items, o, l, total));
    }

    private static async Task<Ok<IngestionJob>> GetAsync(string id, IngestionJobs jobs, CancellationToken ct) =>
        TypedResults.Ok(await jobs.GetAsync(id, ct) ?? throw NotFound(id));

    private static async Task<Accepted<IngestionJob>> CancelAsync(string id, IngestionJobs jobs, CancellationToken ct)
    {
        var job = await jobs.CancelAsync(id, ct) ?? throw NotFound(id);
        return TypedResults.Accepted($"/v1/ingestions/{job.Id}", job);
    }

    private static RagException NotFound(string id) => new(RagErrorKind.NotFound, $"There is no ingestion job '{id}'; GET /v1/ingestions lists them.");
}
