using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RagSystem.Api.Hosting;

/// <summary>Ready when every installed model has been opened (the first check opens them, once). A model folder that is
/// absent is not a failure (the feature degrades, as the notices say); one that is present but broken is.</summary>
internal sealed class ModelsHealthCheck(RagModels models) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var loaded = new Dictionary<string, object>
            {
                ["embedding"] = models.EmbeddingGenerator is not null,
                ["reranker"] = models.Reranker is not null,
                ["generator"] = models.ChatClient is not null,
            };
            var notices = string.Join("; ", models.Notices);
            return Task.FromResult(HealthCheckResult.Healthy(notices.Length > 0 ? notices : "all configured models loaded", loaded));
        }
        catch (Exception ex)
        {
            // Whatever the loader threw, the probe's job is to say "not ready" and why, not to fail the request.
            return Task.FromResult(HealthCheckResult.Unhealthy($"a configured model cannot be opened: {ex.Message}"));
        }
    }
}
