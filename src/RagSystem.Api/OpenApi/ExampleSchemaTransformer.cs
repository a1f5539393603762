using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace RagSystem.Api.OpenApi;

/// <summary>Gives each request and response schema of <see cref="ApiExamples"/> its example, serialized with the options
/// the schema was generated from (the service's snake_case JSON); the upload form gets its form example. ProblemDetails gets a 400 example and its extension
/// members: <c>kind</c> (the failure's kind) and any further member (<c>trace_id</c> on a 500).</summary>
internal sealed class ExampleSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        // Property schemas share the type of a component (a nested DocumentJson); the component carries the example.
        if (context.JsonPropertyInfo is not null) return Task.CompletedTask;
        var type = context.JsonTypeInfo.Type;
        if (type == typeof(ProblemDetails))
        {
            schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
            schema.Properties["kind"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String | JsonSchemaType.Null,
                Description = "The kind of failure: invalid_input, not_found, conflict, forbidden, too_large, unsupported_type, unavailable, misconfigured, damaged.",
            };
            schema.AdditionalProperties = new OpenApiSchema();
            schema.Examples = [Serialize(ProblemExamples.For(StatusCodes.Status400BadRequest, null), type, context.JsonTypeInfo.Options)];
        }
        else if (ApiExamples.For(type) is { } example)
        {
            schema.Examples = [Serialize(example, type, context.JsonTypeInfo.Options)];
        }
        else if (ApiExamples.FormFor(type, context.JsonTypeInfo.Options) is { } form)
        {
            schema.Examples = [form];
        }
        return Task.CompletedTask;
    }

    private static JsonNode Serialize(object value, Type type, JsonSerializerOptions options) => JsonSerializer.SerializeToNode(value, type, options)!;
}
