using System.Text.Json;

namespace RagSystem.Api.Streaming;

/// <summary>Writes Server-Sent Events (<c>event: name</c>, one <c>data:</c> line of JSON, a blank line) and flushes each, so
/// a client sees every event as soon as it is produced.</summary>
public sealed class ServerSentEventWriter
{
    private readonly HttpResponse _response;
    private readonly JsonSerializerOptions _json;

    /// <summary>Starts the stream: status 200, <c>text/event-stream</c>, no caching or proxy buffering.</summary>
    public ServerSentEventWriter(HttpResponse response, JsonSerializerOptions json)
    {
        _response = response;
        _json = json;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
    }

    /// <summary>Writes one named event whose data is <paramref name="payload"/> as JSON.</summary>
    public Task WriteEventAsync<T>(string name, T payload, CancellationToken cancellationToken) =>
        WriteRawAsync($"event: {name}\ndata: {JsonSerializer.Serialize(payload, _json)}\n\n", cancellationToken);

    /// <summary>Writes one unnamed event whose data is <paramref name="payload"/> as JSON (the OpenAI chunk format).</summary>
    public Task WriteDataAsync<T>(T payload, CancellationToken cancellationToken) =>
        WriteRawAsync($"data: {JsonSerializer.Serialize(payload, _json)}\n\n", cancellationToken);

    /// <summary>Writes text as it is, then flushes.</summary>
    public async Task WriteRawAsync(string text, CancellationToken cancellationToken)
    {
        await _response.WriteAsync(text, cancellationToken);
        await _response.Body.FlushAsync(cancellationToken);
    }
}
