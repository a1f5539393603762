using Microsoft.Extensions.Options;
using RagSystem.Api.Endpoints;
using RagSystem.Api.Security;
using Scalar.AspNetCore;

namespace RagSystem.Api.Hosting;

/// <summary>The request pipeline and the endpoint map of the service.</summary>
public static class RagApiApplicationExtensions
{
    /// <summary>Errors as ProblemDetails, CORS when origins are configured, the web page at <c>/</c> (no key needed), API keys,
    /// rate limiting; and says at start who can reach the service.</summary>
    public static WebApplication UseRagApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        var api = app.Services.GetRequiredService<IOptions<ApiOptions>>().Value;
        if (api.CorsOrigins.Count > 0) app.UseCors(p => p.WithOrigins([.. api.CorsOrigins]).AllowAnyHeader().AllowAnyMethod());
        app.UseRagWebPage();
        app.UseRouting();
        app.UseMiddleware<ApiKeyMiddleware>();
        app.UseRateLimiter();
        app.Lifetime.ApplicationStarted.Register(() => AnnounceExposure(app));
        return app;
    }

    /// <summary>Maps <c>/health/*</c>, the <c>/v1</c> group, <c>/openapi/v1.json</c> and the Scalar page at <c>/scalar/v1</c>.</summary>
    public static WebApplication MapRagApi(this WebApplication app)
    {
        app.MapHealthEndpoints();
        var v1 = app.MapGroup("/v1");
        v1.MapQueryEndpoints();
        v1.MapIngestionEndpoints();
        v1.MapDocumentEndpoints();
        v1.MapOpenAiEndpoints();
        app.MapOpenApi();
        app.MapScalarApiReference();
        return app;
    }

    private static void AnnounceExposure(WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("RagSystem.Api");
        var keys = app.Services.GetRequiredService<ApiKeyRing>();
        var urls = string.Join(", ", app.Urls);
        if (keys.IsEnabled)
            logger.LogInformation("Listening on {Urls}; {Count} API key(s) configured: every request but /health/* needs one", urls, keys.Count);
        else if (app.Urls.All(IsLoopback))
            logger.LogWarning("No API key configured: listening on loopback only ({Urls}). Set Rag:Api:Keys or RAG_API_KEYS before exposing it with --urls", urls);
        else
            logger.LogWarning("No API key configured and listening on {Urls}: anyone who can reach these addresses can ingest and delete. Set Rag:Api:Keys or RAG_API_KEYS", urls);
    }

    private static bool IsLoopback(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.IsLoopback || uri.Host is "127.0.0.1" or "[::1]");
}
