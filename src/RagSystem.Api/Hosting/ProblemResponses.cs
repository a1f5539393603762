using Microsoft.AspNetCore.Mvc;

namespace RagSystem.Api.Hosting;

/// <summary>Writes RFC 7807 ProblemDetails from middleware (authentication, rate limiting), where no endpoint result exists.</summary>
internal static class ProblemResponses
{
    public static async Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        var writer = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        // The service's writer declines requests that accept only other types (an SSE client's Accept: text/event-stream);
        // they still get the problem as JSON rather than an empty 500.
        if (!await writer.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }))
            await TypedResults.Problem(problem).ExecuteAsync(context);
    }
}
