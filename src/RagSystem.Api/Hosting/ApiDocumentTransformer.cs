using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace RagSystem.Api.Hosting;

/// <summary>Describes the service and its API-key scheme in the OpenAPI document.</summary>
internal sealed class ApiDocumentTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "RagSystem API",
            Version = "v1",
            Description = "Questions over your own documents: answers with citations, search, ingestion jobs, document uploads, and "
                + "OpenAI-compatible chat completions, models and embeddings. When keys are configured, send one as X-Api-Key or "
                + "Authorization: Bearer.",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["ApiKey"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = "X-Api-Key",
            Description = "A key from Rag:Api:Keys or RAG_API_KEYS; ':ro' keys may query and search only.",
        };
        return Task.CompletedTask;
    }
}
