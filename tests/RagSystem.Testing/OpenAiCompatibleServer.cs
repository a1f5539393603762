using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RagSystem.Testing;

/// <summary>A minimal server on 127.0.0.1 that speaks the OpenAI wire protocol: <c>POST /v1/chat/completions</c> (a
/// JSON completion, or server-sent-event chunks ending in <c>[DONE]</c> when the request says <c>"stream": true</c>)
/// and <c>POST /v1/embeddings</c>. Replies come from functions the test supplies; every request body is kept.</summary>
public sealed class OpenAiCompatibleServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<(string Path, string? Authorization, JsonObject Body)> _requests = new();
    private readonly Task _loop;

    /// <param name="reply">The assistant's reply to a request's messages (role, content).</param>
    /// <param name="embed">A vector for one input text; null answers 404 on <c>/v1/embeddings</c>.</param>
    public OpenAiCompatibleServer(Func<IReadOnlyList<(string Role, string Content)>, string> reply, Func<string, float[]>? embed = null)
    {
        Reply = reply;
        Embed = embed;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        BaseUrl = $"http://127.0.0.1:{port}/v1";
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>The base URL to configure, ending in <c>/v1</c>.</summary>
    public string BaseUrl { get; }

    /// <summary>The reply function.</summary>
    public Func<IReadOnlyList<(string Role, string Content)>, string> Reply { get; set; }

    /// <summary>The embedding function.</summary>
    public Func<string, float[]>? Embed { get; set; }

    /// <summary>Requests received: path, Authorization header and JSON body.</summary>
    public IReadOnlyList<(string Path, string? Authorization, JsonObject Body)> Requests => _requests.ToArray();

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            _ = Task.Run(() => ServeAsync(context));
        }
    }

    private async Task ServeAsync(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = JsonNode.Parse(await reader.ReadToEndAsync())!.AsObject();
            var path = context.Request.Url!.AbsolutePath;
            _requests.Enqueue((path, context.Request.Headers["Authorization"], body));
            if (path == "/v1/chat/completions") await ChatAsync(body, response);
            else if (path == "/v1/embeddings" && Embed is not null) await EmbeddingsAsync(body, response);
            else response.StatusCode = 404;
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException or JsonException)
        {
            response.StatusCode = 500;
        }
        finally
        {
            try { response.Close(); } catch (ObjectDisposedException) { }
        }
    }

    private async Task ChatAsync(JsonObject body, HttpListenerResponse response)
    {
        var messages = body["messages"]!.AsArray()
            .Select(m => (m!["role"]!.GetValue<string>(), ContentOf(m["content"]))).ToList();
        var text = Reply(messages);
        var model = body["model"]?.GetValue<string>() ?? "unknown";
        if (body["stream"]?.GetValue<bool>() == true)
        {
            response.ContentType = "text/event-stream";
            response.SendChunked = true;
            // A few pieces, so the client really assembles a stream.
            var pieces = Enumerable.Range(0, (text.Length + 6) / 7).Select(i => text.Substring(i * 7, Math.Min(7, text.Length - i * 7))).ToList();
            foreach (var piece in pieces) await WriteAsync(response, "data: " + Chunk(model, new JsonObject { ["content"] = piece }, null) + "\n\n");
            await WriteAsync(response, "data: " + Chunk(model, new JsonObject(), "stop") + "\n\n");
            await WriteAsync(response, "data: [DONE]\n\n");
            return;
        }
        var completion = new JsonObject
        {
            ["id"] = "chatcmpl-loopback", ["object"] = "chat.completion", ["created"] = 1_700_000_000, ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0, ["finish_reason"] = "stop",
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = text },
            }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = 10, ["completion_tokens"] = 5, ["total_tokens"] = 15 },
        };
        response.ContentType = "application/json";
        await WriteAsync(response, completion.ToJsonString());
    }

    private async Task EmbeddingsAsync(JsonObject body, HttpListenerResponse response)
    {
        var input = body["input"]!;
        var texts = input is JsonArray array ? array.Select(t => t!.GetValue<string>()).ToList() : [input.GetValue<string>()];
        var data = new JsonArray();
        for (var i = 0; i < texts.Count; i++)
            data.Add(new JsonObject { ["object"] = "embedding", ["index"] = i, ["embedding"] = new JsonArray(Embed!(texts[i]).Select(v => (JsonNode)v).ToArray()) });
        var result = new JsonObject
        {
            ["object"] = "list", ["data"] = data, ["model"] = body["model"]?.GetValue<string>() ?? "unknown",
            ["usage"] = new JsonObject { ["prompt_tokens"] = texts.Count, ["total_tokens"] = texts.Count },
        };
        response.ContentType = "application/json";
        await WriteAsync(response, result.ToJsonString());
    }

    private static string ContentOf(JsonNode? content) => content switch
    {
        JsonValue v => v.GetValue<string>(),
        JsonArray parts => string.Concat(parts.Select(p => p?["text"]?.GetValue<string>() ?? "")),
        _ => "",
    };

    private static string Chunk(string model, JsonObject delta, string? finish) => new JsonObject
    {
        ["id"] = "chatcmpl-loopback", ["object"] = "chat.completion.chunk", ["created"] = 1_700_000_000, ["model"] = model,
        ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finish }),
    }.ToJsonString();

    private static async Task WriteAsync(HttpListenerResponse response, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        await response.OutputStream.WriteAsync(bytes);
        await response.OutputStream.FlushAsync();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try { await _loop; } catch (ObjectDisposedException) { }
    }
}
