using RagSystem.Qdrant;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using RagSystem.Answering;
using RagSystem.Api.Diagnostics;
using RagSystem.Api.Endpoints;
using RagSystem.Api.Jobs;
using RagSystem.Api.OpenApi;
using RagSystem.Api.Security;
using RagSystem.Diagnostics;

namespace RagSystem.Api.Hosting;

/// <summary>Registers the REST service: RagSystem itself (<c>AddRagSystem</c> on the <c>Rag</c> section), the API options,
/// keys, jobs, errors as ProblemDetails, rate limiting, CORS, OpenAPI, health checks and OpenTelemetry.</summary>
public static class RagApiServiceCollectionExtensions
{
    /// <summary>The address used when neither <c>--urls</c> nor <c>ASPNETCORE_URLS</c> names one: loopback only.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>Adds everything the service needs to <paramref name="builder"/>.</summary>
    public static WebApplicationBuilder AddRagApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddRagSystem(configuration.GetSection(RagOptions.SectionName)).AddQdrantStore();
        services.AddOptions<ApiOptions>().Bind(configuration.GetSection(ApiOptions.SectionName)).ValidateOnStart();
        services.AddSingleton(sp => ApiKeyRing.From(sp.GetRequiredService<IOptions<ApiOptions>>().Value, configuration["RAG_API_KEYS"]));
        services.AddSingleton<AllowedRoots>();
        services.AddSingleton<OriginalFileLocator>();
        services.AddSingleton<RetrievalRequestSettings>();
        services.AddSingleton(sp => new FollowUpQuestion(new QuestionRewriter(sp.GetRequiredService<RagModels>().ChatClient)));
        services.AddSingleton<RagApiMetrics>();
        services.AddSingleton(sp => new JobStore(Path.Combine(sp.GetRequiredService<RagOptions>().DataDirectory, JobStore.FileName)));
        services.AddSingleton<IngestionJobs>();
        services.AddSingleton<IngestionWriterGate>();
        services.AddSingleton<IngestionJobExecutor>();
        services.AddHostedService<IngestionJobRunner>();

        services.Configure<JsonOptions>(o => ApiJson.Configure(o.SerializerOptions));
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        services.AddExceptionHandler<RagExceptionHandler>();
        services.AddRagRateLimiting();
        services.AddCors();
        services.AddOptions<FormOptions>().Configure<IOptions<ApiOptions>>((form, api) => form.MultipartBodyLengthLimit = api.Value.MaxUploadBytes);
        services.AddOpenApi(o => o.AddDocumentTransformer<ApiDocumentTransformer>()
            .AddSchemaTransformer<ExampleSchemaTransformer>()
            .AddOperationTransformer<ExampleOperationTransformer>());
        services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>("store", tags: [HealthEndpoints.ReadyTag])
            .AddCheck<ModelsHealthCheck>("models", tags: [HealthEndpoints.ReadyTag]);
        builder.AddRagTelemetry();
        // One line per request is noise for an operator; traces carry requests. appsettings.json can turn it back on.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        if (string.IsNullOrWhiteSpace(configuration["urls"]) && !configuration.GetSection("Kestrel:Endpoints").Exists())
            builder.WebHost.UseUrls(DefaultUrl);
        return builder;
    }

    private static void AddRagTelemetry(this WebApplicationBuilder builder)
    {
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("ragsystem-api"))
            .WithTracing(t => t.AddSource(RagTelemetry.SourceName, "Experimental.Microsoft.Extensions.AI").AddAspNetCoreInstrumentation())
            .WithMetrics(m => m.AddMeter(RagApiMetrics.MeterName, RagTelemetry.SourceName, "Experimental.Microsoft.Extensions.AI").AddAspNetCoreInstrumentation());
        // The standard variable turns the exporter on; without it telemetry stays in process (nothing is sent anywhere).
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])) telemetry.UseOtlpExporter();
    }
}
