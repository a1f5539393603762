using System.Text.Json;
using Microsoft.AspNetCore.Mvc;

namespace RagSystem.Api.Hosting;

/// <summary>The one place where failures become HTTP statuses: a <see cref="RagException"/> by its
/// <see cref="RagErrorKind"/>, and the framework's own request errors (bad JSON, body too large).</summary>
public static class RagProblemMapping
{
    /// <summary>The HTTP status for a kind of failure.</summary>
    public static int StatusFor(RagErrorKind kind) => kind switch
    {
        RagErrorKind.InvalidInput => StatusCodes.Status400BadRequest,
        RagErrorKind.NotFound => StatusCodes.Status404NotFound,
        RagErrorKind.Conflict => StatusCodes.Status409Conflict,
        RagErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        RagErrorKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
        RagErrorKind.UnsupportedType => StatusCodes.Status415UnsupportedMediaType,
        RagErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        RagErrorKind.Misconfigured or RagErrorKind.Damaged => StatusCodes.Status500InternalServerError,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>Maps an exception to a problem, or null when it is not one we report on purpose (a bug: 500 without details).</summary>
    public static ProblemDetails? ToProblem(Exception exception) => exception switch
    {
        RagException rag => Problem(StatusFor(rag.ErrorKind), Title(rag.ErrorKind), rag.Message, rag.ErrorKind),
        BadHttpRequestException { InnerException: JsonException json } when UnknownFieldProblem.From(json) is { } unknown => unknown,
        BadHttpRequestException bad => Problem(bad.StatusCode,
            bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request too large" : "Malformed request",
            bad.InnerException is JsonException json ? $"{bad.Message} {json.Message}" : bad.Message, null),
        _ => null,
    };

    private static ProblemDetails Problem(int status, string title, string detail, RagErrorKind? kind)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        if (kind is { } k) problem.Extensions["kind"] = JsonNamingPolicy.SnakeCaseLower.ConvertName(k.ToString());
        return problem;
    }

    private static string Title(RagErrorKind kind) => kind switch
    {
        RagErrorKind.InvalidInput => "Invalid request",
        RagErrorKind.NotFound => "Not found",
        RagErrorKind.Conflict => "Conflict",
        RagErrorKind.Forbidden => "Forbidden",
        RagErrorKind.TooLarge => "Too large",
        RagErrorKind.UnsupportedType => "Unsupported media type",
        RagErrorKind.Unavailable => "Service unavailable",
        RagErrorKind.Misconfigured => "Server misconfigured",
        RagErrorKind.Damaged => "Stored data damaged",
        _ => "Error",
    };
}
