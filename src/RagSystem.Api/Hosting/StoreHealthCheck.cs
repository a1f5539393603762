using Microsoft.Extensions.Diagnostics.HealthChecks;
using RagSystem.Storage;

namespace RagSystem.Api.Hosting;

/// <summary>Ready when the store answers a statistics call.</summary>
internal sealed class StoreHealthCheck(IChunkStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var stats = await store.StatsAsync(cancellationToken);
            return HealthCheckResult.Healthy($"{stats.Documents} documents, {stats.Chunks} chunks at {stats.Location}");
        }
        catch (Exception ex) when (ex is RagException or IOException or InvalidOperationException or Microsoft.Data.Sqlite.SqliteException)
        {
            return HealthCheckResult.Unhealthy($"the store cannot be reached: {ex.Message}");
        }
    }
}
