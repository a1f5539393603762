namespace RagSystem.Api.Contracts;

/// <summary>One readiness check in a <see cref="HealthReportJson"/>.</summary>
/// <param name="Status"><c>healthy</c>, <c>degraded</c> or <c>unhealthy</c>.</param>
/// <param name="Description">What was found, e.g. why the store cannot be reached; null when there is nothing to say.</param>
/// <param name="Data">What the check reports beside its description (the models check: whether each model role is loaded).</param>
public sealed record HealthCheckJson(string Status, string? Description, IReadOnlyDictionary<string, object> Data);
