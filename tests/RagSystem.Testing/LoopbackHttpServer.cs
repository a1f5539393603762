using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RagSystem.Testing;

/// <summary>A minimal HTTP/1.1 server on 127.0.0.1 with an ephemeral port, serving in-memory files with
/// <c>Range: bytes=N-</c> support and injectable faults (cut connections, corrupt bytes, error statuses).</summary>
/// <remarks>A raw <see cref="TcpListener"/> rather than HttpListener, so a fault can close the socket mid-body.
/// One request per connection (<c>Connection: close</c>).</remarks>
public sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, LoopbackFault> _faults = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<LoopbackRequest> _requests = new();
    private readonly Task _acceptLoop;
    private long _bodyBytesSent;

    public LoopbackHttpServer()
    {
        _listener.Start();
        BaseUrl = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>The server's base URL, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl { get; }

    /// <summary>Requests received so far, in arrival order.</summary>
    public IReadOnlyList<LoopbackRequest> Requests => _requests.ToArray();

    /// <summary>Total response body bytes written to sockets.</summary>
    public long BodyBytesSent => Interlocked.Read(ref _bodyBytesSent);

    /// <summary>Serves <paramref name="content"/> at <paramref name="path"/> (starting with '/').</summary>
    public void AddFile(string path, byte[] content) => _files[path] = content;

    /// <summary>Injects a fault for requests to <paramref name="path"/>.</summary>
    public void SetFault(string path, LoopbackFault fault) => _faults[path] = fault;

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (OperationCanceledException) { return; }
            catch (ObjectDisposedException) { return; }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var (method, path, headers) = await ReadRequestAsync(stream);
                await RespondAsync(stream, method, path, headers);
            }
            catch (IOException) { /* the client hung up; nothing to answer */ }
            catch (SocketException) { }
            catch (OperationCanceledException) { }
        }
    }

    private async Task RespondAsync(NetworkStream stream, string method, string path, Dictionary<string, string> headers)
    {
        headers.TryGetValue("range", out var range);
        headers.TryGetValue("authorization", out var authorization);
        headers.TryGetValue("if-range", out var ifRange);
        var fault = TakeFault(path);
        if (fault?.RedirectTo is { } location)
        {
            _requests.Enqueue(new LoopbackRequest(method, path, range, authorization, 302));
            await WriteHeadAsync(stream, 302, 0, null, location, fault.LinkedSha256);
            return;
        }
        if (fault?.StatusCode is { } forced || !_files.TryGetValue(path, out _))
        {
            var status = fault?.StatusCode ?? 404;
            _requests.Enqueue(new LoopbackRequest(method, path, range, authorization, status));
            await WriteHeadAsync(stream, status, 0, null);
            return;
        }

        var content = _files[path];
        if (fault?.CorruptAtOffset is { } corrupt)
        {
            content = (byte[])content.Clone();
            content[corrupt] ^= 0xFF;
        }
        long start = 0;
        // Files carry a strong ETag (their SHA-256); an If-Range naming another version gets the whole file (RFC 9110 §13.1.5).
        var etag = "\"" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(_files[path])) + "\"";
        var rangeHonoured = range is not null && fault?.IgnoreRange != true && (ifRange is null || ifRange == etag);
        if (rangeHonoured && range!.StartsWith("bytes=", StringComparison.Ordinal) && range.EndsWith('-'))
            start = long.Parse(range["bytes=".Length..^1], System.Globalization.CultureInfo.InvariantCulture);
        if (start >= content.Length && start > 0)
        {
            _requests.Enqueue(new LoopbackRequest(method, path, range, authorization, 416) { IfRange = ifRange });
            await WriteHeadAsync(stream, 416, 0, $"bytes */{content.Length}");
            return;
        }
        var status200 = start > 0 ? 206 : 200;
        _requests.Enqueue(new LoopbackRequest(method, path, range, authorization, status200) { IfRange = ifRange });
        var length = content.Length - start;
        await WriteHeadAsync(stream, status200, length, start > 0 ? $"bytes {start}-{content.Length - 1}/{content.Length}" : null, etag: etag);
        if (method == "HEAD") return;
        var toSend = fault?.CutAfterBytes is { } cut ? Math.Min(cut, length) : length;
        var piece = fault?.ChunkDelay is null ? toSend : 64 * 1024;
        for (long sent = 0; sent < toSend; sent += piece)
        {
            var count = (int)Math.Min(piece, toSend - sent);
            await stream.WriteAsync(content.AsMemory((int)(start + sent), count), _stop.Token);
            await stream.FlushAsync(_stop.Token);
            Interlocked.Add(ref _bodyBytesSent, count);
            if (fault?.ChunkDelay is { } delay) await Task.Delay(delay, _stop.Token);
        }
        // A cut ends here: disposing the client closes the socket short of the promised Content-Length.
    }

    private LoopbackFault? TakeFault(string path)
    {
        if (!_faults.TryGetValue(path, out var fault)) return null;
        lock (fault)
        {
            if (fault.Times is null) return fault;
            if (fault.Times <= 0) return null;
            fault.Times--;
            return fault;
        }
    }

    private static async Task WriteHeadAsync(NetworkStream stream, int status, long contentLength, string? contentRange, string? location = null,
        string? linkedSha256 = null, string? etag = null)
    {
        var head = new StringBuilder()
            .Append("HTTP/1.1 ").Append(status).Append(' ').Append(ReasonPhrase(status)).Append("\r\n")
            .Append("Content-Length: ").Append(contentLength).Append("\r\n")
            .Append("Content-Type: application/octet-stream\r\n")
            .Append("Accept-Ranges: bytes\r\n")
            .Append("Connection: close\r\n");
        if (contentRange is not null) head.Append("Content-Range: ").Append(contentRange).Append("\r\n");
        if (location is not null) head.Append("Location: ").Append(location).Append("\r\n");
        if (linkedSha256 is not null) head.Append("X-Linked-Etag: \"").Append(linkedSha256).Append("\"\r\n");
        if (etag is not null) head.Append("ETag: ").Append(etag).Append("\r\n");
        head.Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()));
    }

    private static string ReasonPhrase(int status) => status switch
    {
        200 => "OK", 206 => "Partial Content", 302 => "Found", 401 => "Unauthorized", 403 => "Forbidden", 404 => "Not Found",
        416 => "Range Not Satisfiable", 500 => "Internal Server Error", 503 => "Service Unavailable", _ => "Status",
    };

    private static async Task<(string Method, string Path, Dictionary<string, string> Headers)> ReadRequestAsync(NetworkStream stream)
    {
        var bytes = new List<byte>(1024);
        var one = new byte[1];
        // Read byte by byte up to the blank line: requests are tiny and carry no body.
        while (bytes.Count < 4 || !(bytes[^4] == '\r' && bytes[^3] == '\n' && bytes[^2] == '\r' && bytes[^1] == '\n'))
        {
            if (await stream.ReadAsync(one) == 0) throw new IOException("client closed before sending a request");
            bytes.Add(one[0]);
        }
        var lines = Encoding.ASCII.GetString(bytes.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var parts = lines[0].Split(' ');
        var path = Uri.UnescapeDataString(parts[1].Split('?')[0]);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            if (colon > 0) headers[line[..colon].Trim().ToLowerInvariant()] = line[(colon + 1)..].Trim();
        }
        return (parts[0], path, headers);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try { await _acceptLoop; }
        catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}
