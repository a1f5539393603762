using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using RagSystem.Api.Security;

namespace RagSystem.Api.OpenApi;

/// <summary>Puts an example on every request body and response of every <c>/v1</c> operation: the JSON and form examples of
/// <see cref="ApiExamples"/>, a ProblemDetails example per error status (<c>application/problem+json</c>, as sent), and the
/// event stream of the streaming endpoints. It also documents the errors every <c>/v1</c> operation can answer with from
/// middleware rather than from its handler: 401 (no or unknown key), 429 (rate limit) and, on writes, 403 (read-only key).</summary>
internal sealed class ExampleOperationTransformer : IOpenApiOperationTransformer
{
    private const string ProblemJson = "application/problem+json";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        if (description.RelativePath?.StartsWith("v1/", StringComparison.Ordinal) != true) return Task.CompletedTask;
        var json = context.ApplicationServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;

        var body = description.ParameterDescriptions.FirstOrDefault(p => p.Source == BindingSource.Body);
        if (body is not null && operation.RequestBody?.Content is { } requestContent)
        {
            foreach (var (mediaType, content) in requestContent)
            {
                content.Example = mediaType == "multipart/form-data"
                    ? ApiExamples.FormFor(body.Type, json)
                    : ApiExamples.For(body.Type) is { } request ? JsonSerializer.SerializeToNode(request, body.Type, json) : null;
            }
        }

        operation.Responses ??= [];
        var writes = description.ActionDescriptor.EndpointMetadata.OfType<RequiresWriteAccess>().Any();
        foreach (var status in writes ? new[] { 401, 403, 429 } : [401, 429])
            AddProblemResponse(operation, status, context.Document);

        foreach (var (code, response) in operation.Responses)
        {
            if (response.Content is not { Count: > 0 } content) continue;
            var status = int.Parse(code, CultureInfo.InvariantCulture);
            var type = description.SupportedResponseTypes.FirstOrDefault(r => r.StatusCode == status)?.Type;
            if (type == typeof(ProblemDetails) && content.Remove("application/json", out var media))
                content[ProblemJson] = media; // what the service sends
            foreach (var (mediaType, media2) in content)
            {
                media2.Example = mediaType switch
                {
                    "text/event-stream" => ServerSentEventExamples.For(operation.OperationId, json) is { } stream ? JsonValue.Create(stream) : null,
                    ProblemJson => JsonSerializer.SerializeToNode(ProblemExamples.For(status, operation.OperationId), json),
                    _ => type is not null && ApiExamples.For(type) is { } example ? JsonSerializer.SerializeToNode(example, type, json) : null,
                };
            }
        }
        return Task.CompletedTask;
    }

    private static void AddProblemResponse(OpenApiOperation operation, int status, OpenApiDocument? document)
    {
        var code = status.ToString(CultureInfo.InvariantCulture);
        if (operation.Responses!.ContainsKey(code)) return;
        operation.Responses[code] = new OpenApiResponse
        {
            Description = status switch
            {
                401 => "No API key, or an unknown one (only when keys are configured)",
                403 => "The key is read-only",
                429 => "The key's rate limit is used up; Retry-After says when to try again",
                _ => "Error",
            },
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [ProblemJson] = new() { Schema = new OpenApiSchemaReference(nameof(ProblemDetails), document) },
            },
        };
    }
}
