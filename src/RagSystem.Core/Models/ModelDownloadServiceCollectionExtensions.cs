using Microsoft.Extensions.DependencyInjection;

namespace RagSystem.Models;

/// <summary>Registers <see cref="ModelDownloader"/> as a typed <see cref="HttpClient"/> client.</summary>
public static class ModelDownloadServiceCollectionExtensions
{
    /// <summary>Adds <see cref="ModelDownloader"/> with its own named HTTP client and the given options.</summary>
    public static IHttpClientBuilder AddModelDownloader(this IServiceCollection services, ModelDownloadOptions? options = null)
    {
        services.AddSingleton(options ?? new ModelDownloadOptions());
        return services.AddHttpClient<ModelDownloader>(http => http.DefaultRequestHeaders.UserAgent.ParseAdd("RagSystem/1.0"))
            .ConfigurePrimaryHttpMessageHandler(ModelDownloader.CreateHandler);
    }
}
