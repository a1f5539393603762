namespace RagSystem.Api.Contracts;

/// <summary>The body of <c>/health/live</c> and <c>/health/ready</c>.</summary>
/// <param name="Status"><c>healthy</c>, <c>degraded</c> or <c>unhealthy</c> (the worst of <paramref name="Checks"/>); the status code is
/// 503 when unhealthy, else 200.</param>
/// <param name="Checks">Each check that ran, by name (<c>store</c>, <c>models</c>); none for liveness.</param>
public sealed record HealthReportJson(string Status, IReadOnlyDictionary<string, HealthCheckJson> Checks);
