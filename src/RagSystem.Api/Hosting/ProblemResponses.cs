using Microsoft.AspNetCore.Mvc;

namespace RagSystem.Api.Hosting;

/// <summary>Writes RFC 7807 ProblemDetails from middleware (authentication, rate limiting), where no endpoint result exists.</summary>
internal static class ProblemResponses
{
    public static async Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        var writer = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await writer.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
