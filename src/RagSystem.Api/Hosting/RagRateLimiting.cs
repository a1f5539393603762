using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using RagSystem.Api.Security;

namespace RagSystem.Api.Hosting;

/// <summary>Per-key rate limiting with the built-in limiter: a fixed window of <see cref="ApiOptions.RateLimitPermits"/>
/// requests per <see cref="ApiOptions.RateLimitWindow"/> for each key (each client address when no keys are configured).
/// A rejected request gets 429 with <c>Retry-After</c>. Health checks are never limited.</summary>
internal static class RagRateLimiting
{
    public static IServiceCollection AddRagRateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<ApiOptions>>((limiter, api) =>
        {
            var options = api.Value;
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                if (options.RateLimitPermits <= 0 || context.Request.Path.StartsWithSegments("/health"))
                    return RateLimitPartition.GetNoLimiter("unlimited");
                var caller = context.Items[ApiKeyMiddleware.CallerItem] is ApiKey key
                    ? key.Label
                    : context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.GetFixedWindowLimiter(caller, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.RateLimitPermits,
                    Window = options.RateLimitWindow,
                    QueueLimit = 0,
                });
            });
            limiter.OnRejected = async (rejected, ct) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : options.RateLimitWindow;
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await ProblemResponses.WriteAsync(rejected.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests",
                    $"This key may make {options.RateLimitPermits} requests per {options.RateLimitWindow.TotalSeconds:0} s; retry in {seconds} s.");
            };
        });
        return services;
    }
}
