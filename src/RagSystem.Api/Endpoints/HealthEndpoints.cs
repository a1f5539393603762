using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RagSystem.Api.Contracts;

namespace RagSystem.Api.Endpoints;

/// <summary><c>/health/live</c> (the process answers) and <c>/health/ready</c> (store reachable, installed models loaded).
/// Neither needs an API key. They are minimal-API endpoints over <see cref="HealthCheckService"/> rather than
/// <c>MapHealthChecks</c>, so that the OpenAPI document lists them with their response schema like every other endpoint.</summary>
public static class HealthEndpoints
{
    /// <summary>The tag of the readiness checks.</summary>
    public const string ReadyTag = "ready";

    /// <summary>Maps the two endpoints.</summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        var health = app.MapGroup("/health").WithTags("Health");
        health.MapGet("/live", (HealthCheckService checks, CancellationToken ct) => ReportAsync(checks, _ => false, ct))
            .WithSummary("Liveness: the process answers");
        health.MapGet("/ready", (HealthCheckService checks, CancellationToken ct) => ReportAsync(checks, c => c.Tags.Contains(ReadyTag), ct))
            .WithSummary("Readiness: the store is reachable and the installed models are loaded");
        return app;
    }

    private static async Task<Results<Ok<HealthReportJson>, JsonHttpResult<HealthReportJson>>> ReportAsync(
        HealthCheckService checks, Func<HealthCheckRegistration, bool> predicate, CancellationToken ct)
    {
        var report = await checks.CheckHealthAsync(predicate, ct);
        var body = new HealthReportJson(Name(report.Status), report.Entries.ToDictionary(e => e.Key,
            e => new HealthCheckJson(Name(e.Value.Status), e.Value.Description, e.Value.Data)));
        // The same status codes as MapHealthChecks: a degraded service still serves, an unhealthy one does not.
        return report.Status == HealthStatus.Unhealthy
            ? TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable)
            : TypedResults.Ok(body);
    }

    private static string Name(HealthStatus status) => status.ToString().ToLowerInvariant();
}
