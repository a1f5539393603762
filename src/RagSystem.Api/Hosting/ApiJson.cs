using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace RagSystem.Api.Hosting;

/// <summary>The service's JSON conventions: snake_case names, matched exactly, and enums as snake_case strings, the same
/// as <c>rag ask --json</c> and the OpenAI API.</summary>
public static class ApiJson
{
    /// <summary>Applies the conventions to the host's JSON options.</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        // Names are matched exactly (ASP.NET Core's web defaults ignore case): "Top_K" is refused like "topK", so a
        // client learns the one spelling rather than depending on a lenient server.
        options.PropertyNameCaseInsensitive = false;
        options.DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
    }

    /// <summary>The host's configured options, for results written by hand (Server-Sent Events).</summary>
    public static JsonSerializerOptions Options(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
}
