using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace RagSystem.Api.Hosting;

/// <summary>The service's JSON conventions: snake_case names and enums as snake_case strings, the same as
/// <c>rag ask --json</c> and the OpenAI API.</summary>
public static class ApiJson
{
    /// <summary>Applies the conventions to the host's JSON options.</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
    }

    /// <summary>The host's configured options, for results written by hand (Server-Sent Events).</summary>
    public static JsonSerializerOptions Options(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
}
