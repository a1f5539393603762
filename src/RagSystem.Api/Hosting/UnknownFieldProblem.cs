using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;

namespace RagSystem.Api.Hosting;

/// <summary>Turns System.Text.Json's refusal of a field that a request type does not have (the request records are
/// <see cref="JsonUnmappedMemberHandling.Disallow"/>) into a 400 that names the field sent, the snake_case field that was
/// probably meant (<c>topK</c> → <c>top_k</c>), and the fields the request has.</summary>
internal static partial class UnknownFieldProblem
{
    /// <summary>The problem for <paramref name="exception"/>, or null when it is not an unknown-field refusal.</summary>
    public static ProblemDetails? From(JsonException exception)
    {
        var match = UnmappedMember().Match(exception.Message);
        if (!match.Success) return null;
        var sent = match.Groups["name"].Value;
        var type = typeof(UnknownFieldProblem).Assembly.GetType(match.Groups["type"].Value);
        var fields = type is null ? [] : FieldNames(type);
        var meant = fields.FirstOrDefault(f => Squash(f) == Squash(sent));
        var where = exception.Path is { Length: > 0 } path ? $" (at {path})" : "";
        var detail = $"The request has a field '{sent}'{where} that this endpoint does not know"
            + (meant is not null ? $"; did you mean '{meant}'? Field names are snake_case." : ".")
            + (fields.Count > 0 ? $" The fields here are: {string.Join(", ", fields)}." : "");
        var problem = new ProblemDetails { Status = StatusCodes.Status400BadRequest, Title = "Unknown field", Detail = detail };
        problem.Extensions["kind"] = "invalid_input";
        problem.Extensions["field"] = sent;
        if (meant is not null) problem.Extensions["expected_field"] = meant;
        return problem;
    }

    /// <summary>The JSON names of a request type's settable properties, in declaration order.</summary>
    private static List<string> FieldNames(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.GetCustomAttribute<JsonIgnoreAttribute>() is null)
            .OrderBy(p => p.MetadataToken)
            .Select(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name))
            .ToList();

    // topK, TopK, top_k, TOP-K all squash to "topk".
    private static string Squash(string name) => new string(name.Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant();

    [GeneratedRegex(@"The JSON property '(?<name>[^']*)' could not be mapped to any \.NET member contained in type '(?<type>[^']+)'")]
    private static partial Regex UnmappedMember();
}
