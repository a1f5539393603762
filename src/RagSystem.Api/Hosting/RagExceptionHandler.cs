using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using RagSystem.Api.Jobs;
using Microsoft.AspNetCore.Mvc;

namespace RagSystem.Api.Hosting;

/// <summary>Turns every escaping exception into ProblemDetails through <see cref="RagProblemMapping"/>. Unexpected ones are
/// logged with their stack and answered with a 500 that carries the request's trace id, never the exception text.</summary>
internal sealed class RagExceptionHandler(IProblemDetailsService problems, ILogger<RagExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away: there is nobody to answer.
            return true;
        }
        var problem = RagProblemMapping.ToProblem(exception);
        if (problem is null)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "Internal error",
                Detail = "The server failed unexpectedly; the log has the details under this request's trace id.",
            };
        }
        else if (problem.Status >= 500 && exception is not IngestionWriterBusyException)
        {
            logger.LogError(exception, "{Title}: {Detail}", problem.Title, problem.Detail);
        }
        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        if (exception is IngestionWriterBusyException)
            httpContext.Response.Headers.RetryAfter = ((int)IngestionWriterBusyException.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }
}
