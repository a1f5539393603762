using Microsoft.AspNetCore.Http.Features;
using RagSystem.Api.Hosting;

namespace RagSystem.Api.Security;

/// <summary>Checks the API key (<c>X-Api-Key</c> or <c>Authorization: Bearer</c>, the latter being what OpenAI clients send)
/// on every request but <c>/health/*</c>: none or unknown → 401, a read-only key on an endpoint marked
/// <see cref="RequiresWriteAccess"/> → 403. With no key configured every caller has full access.</summary>
public sealed class ApiKeyMiddleware(RequestDelegate next, ApiKeyRing keys)
{
    /// <summary>The <see cref="HttpContext.Items"/> slot holding the caller's <see cref="ApiKey"/>.</summary>
    public const string CallerItem = "rag.api-key";

    /// <summary>Runs the check.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        if (!keys.IsEnabled || context.Request.Path.StartsWithSegments("/health"))
        {
            await next(context);
            return;
        }
        var presented = Presented(context.Request);
        if (presented is null || keys.Find(presented) is not { } key)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await ProblemResponses.WriteAsync(context, StatusCodes.Status401Unauthorized,
                presented is null ? "API key required" : "Unknown API key",
                presented is null
                    ? "Send an API key in the X-Api-Key header or as Authorization: Bearer <key>."
                    : "The API key is not one of the configured keys (Rag:Api:Keys, RAG_API_KEYS).");
            return;
        }
        context.Items[CallerItem] = key;
        var endpoint = context.Features.Get<IEndpointFeature>()?.Endpoint;
        if (key.Access == ApiAccess.ReadOnly && endpoint?.Metadata.GetMetadata<RequiresWriteAccess>() is not null)
        {
            await ProblemResponses.WriteAsync(context, StatusCodes.Status403Forbidden, "Read-only key",
                "This key may query and search only; ingesting and deleting need a key configured with ':rw'.");
            return;
        }
        await next(context);
    }

    private static string? Presented(HttpRequest request)
    {
        if (request.Headers.TryGetValue("X-Api-Key", out var header) && header.ToString() is { Length: > 0 } direct) return direct;
        var authorization = request.Headers.Authorization.ToString();
        const string bearer = "Bearer ";
        return authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase) && authorization.Length > bearer.Length
            ? authorization[bearer.Length..].Trim()
            : null;
    }
}
