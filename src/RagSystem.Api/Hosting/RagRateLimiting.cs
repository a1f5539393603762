using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using RagSystem.Api.Security;

namespace RagSystem.Api.Hosting;

/// <summary>Per-key rate limiting with the built-in limiter: a fixed window of <see cref="ApiOptions.RateLimitPermits"/>
/// requests per <see cref="ApiOptions.RateLimitWindow"/> for each key (each client address when no keys are configured).
/// Only the API's work counts: requests under <c>/v1</c>, which holds the REST endpoints and the OpenAI-compatible ones.
/// The web page's files, the OpenAPI document, the Scalar reference and <c>/health/*</c> are never limited, and neither is
/// a request the key check refused. A rejected request gets 429 ProblemDetails with <c>Retry-After</c> in seconds.</summary>
internal static class RagRateLimiting
{
    /// <summary>The path prefix whose requests are counted.</summary>
    public const string LimitedPrefix = "/v1";

    public static IServiceCollection AddRagRateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<ApiOptions>>((limiter, api) =>
        {
            var options = api.Value;
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                // The page and the API reference are static or cheap to serve, and a browser fetches several files to show
                // either; counting them would let a small limit stop the page from loading before it asked anything.
                if (options.RateLimitPermits <= 0 || !context.Request.Path.StartsWithSegments(LimitedPrefix))
                    return RateLimitPartition.GetNoLimiter("unlimited");
                return RateLimitPartition.GetFixedWindowLimiter(Caller(context), _ => new FixedWindowRateLimiterOptions
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
                var who = rejected.HttpContext.Items[ApiKeyMiddleware.CallerItem] is ApiKey ? "This API key" : "This client address";
                rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await ProblemResponses.WriteAsync(rejected.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests",
                    string.Create(CultureInfo.InvariantCulture,
                        $"{who} may make {options.RateLimitPermits} requests per {options.RateLimitWindow.TotalSeconds:0.#} s; retry in {seconds} s."));
            };
        });
        return services;
    }

    /// <summary>The partition: the key's label when the caller presented a key, else the client's address.</summary>
    private static string Caller(HttpContext context) => context.Items[ApiKeyMiddleware.CallerItem] is ApiKey key
        ? "key:" + key.Label
        : "address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
}
