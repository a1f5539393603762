using System.Net;
using System.Net.Http.Headers;

namespace RagSystem.Models;

/// <summary>One attempt at fetching one file into its <c>.partial</c> file, resuming from the bytes already there.</summary>
/// <remarks>Failures come out as <see cref="ModelDownloadException"/>, flagged transient when a retry may help;
/// the caller owns retries, verification and the final rename. A resume sends <c>Range</c> with <c>If-Range</c> carrying
/// the validator (ETag, else Last-Modified) of the response the partial came from, kept beside it (<see cref="PartialValidator"/>).</remarks>
internal sealed class ResumableFileDownload(HttpClient http, ModelDownloadOptions options)
{
    private const int BufferSize = 81_920;
    private const long ProgressStep = 256 * 1024;

    /// <summary>Fetches the rest of <paramref name="uri"/> into <paramref name="partialPath"/>.</summary>
    /// <param name="uri">The resolve URL.</param>
    /// <param name="label">The <c>repo/path</c> the user knows the file by, for messages.</param>
    /// <param name="partialPath">The partial file, appended to when the server honours the range.</param>
    /// <param name="onProgress">Receives (bytes on disk, total size when known).</param>
    /// <param name="state">Counts bytes fetched (also when the attempt fails) and records the hub's SHA-256.</param>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    public async Task RunAsync(Uri uri, string label, string partialPath, Action<long, long?> onProgress, FileDownloadState state,
        CancellationToken cancellationToken)
    {
        var existing = File.Exists(partialPath) ? new FileInfo(partialPath).Length : 0;
        var validator = existing > 0 ? PartialValidator.Read(partialPath) : null;
        if (existing > 0 && validator is null)
        {
            // Without the validator of the response the bytes came from, a resumed range could splice two versions
            // of the file together: start over.
            File.Delete(partialPath);
            existing = 0;
        }
        using var response = await SendFollowingRedirectsAsync(uri, existing, validator, label, state, cancellationToken);
        long? total;
        FileMode mode;
        switch (response.StatusCode)
        {
            case HttpStatusCode.RequestedRangeNotSatisfiable when existing > 0:
                // The partial already holds every byte (a run died between the last write and the rename).
                if (response.Content.Headers.ContentRange?.Length is not { } length || length == existing)
                {
                    onProgress(existing, existing);
                    return;
                }
                File.Delete(partialPath);
                throw new ModelDownloadException($"{label}: the partial download is longer than the file on the server; restarting it", isTransient: true);
            case HttpStatusCode.PartialContent:
                if (response.Content.Headers.ContentRange is not { From: { } from } range || from != existing)
                {
                    File.Delete(partialPath);
                    throw new ModelDownloadException($"{label}: the server resumed at an unexpected offset; restarting the file", isTransient: true);
                }
                total = range.Length;
                mode = FileMode.Append;
                break;
            case HttpStatusCode.OK:
                // No range was sent, the server ignored it, or (If-Range) the file changed since the partial began:
                // start the file over, remembering this response's validator for the next resume.
                existing = 0;
                total = response.Content.Headers.ContentLength;
                mode = FileMode.Create;
                PartialValidator.Write(partialPath, PartialValidator.Of(response));
                break;
            default:
                throw StatusError(response.StatusCode, label, uri);
        }

        var copied = await CopyAsync(response, partialPath, mode, existing, total, label, onProgress, state, cancellationToken);
        var onDisk = existing + copied;
        if (total is { } expected && onDisk != expected)
            throw new ModelDownloadException($"{label}: the connection closed after {onDisk:N0} of {expected:N0} bytes", isTransient: true);
        onProgress(onDisk, total ?? onDisk);
    }

    /// <summary>Sends the GET, following redirects itself when the handler does not (see <see cref="ModelDownloader.CreateHttpClient"/>):
    /// the Hub's redirect to its CDN carries the file's SHA-256 in <c>X-Linked-Etag</c>, and the token must not follow
    /// the request to another host.</summary>
    private async Task<HttpResponseMessage> SendFollowingRedirectsAsync(Uri uri, long existing, RangeConditionHeaderValue? validator,
        string label, FileDownloadState state, CancellationToken cancellationToken)
    {
        var current = uri;
        for (var hop = 0; ; hop++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, current);
            if (existing > 0)
            {
                request.Headers.Range = new RangeHeaderValue(existing, null);
                // If-Range: the server sends the rest only if the file is still the one the partial holds, else all of it.
                request.Headers.IfRange = validator;
            }
            var sameServer = Uri.Compare(current, uri, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
            if (!string.IsNullOrEmpty(options.Token) && sameServer)
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Token);
            var response = await SendAsync(request, label, cancellationToken);
            if ((int)response.StatusCode is not (301 or 302 or 303 or 307 or 308) || response.Headers.Location is not { } location)
                return response;
            response.Dispose();
            if (hop >= 5) throw new ModelDownloadException($"{label}: too many redirects from {options.Endpoint}");
            if (LinkedSha256(response) is { } sha) state.LinkedSha256 = sha;
            current = location.IsAbsoluteUri ? location : new Uri(current, location);
        }
    }

    private static string? LinkedSha256(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("X-Linked-Etag", out var values)) return null;
        var value = values.First().Trim();
        if (value.StartsWith("W/", StringComparison.Ordinal)) value = value[2..];
        value = value.Trim('"');
        return value.Length == 64 && value.All(char.IsAsciiHexDigit) ? value.ToLowerInvariant() : null;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string label, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            // A name that does not resolve means offline or a mistyped endpoint: retrying will not help.
            var transient = ex.HttpRequestError is not HttpRequestError.NameResolutionError;
            throw new ModelDownloadException(
                $"could not reach {options.Endpoint} for {label} ({ex.Message}); check the network connection (offline?) " +
                "or point --endpoint / HF_ENDPOINT at a mirror you can reach", transient, ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ModelDownloadException($"{options.Endpoint} did not answer in time for {label}; check the network connection", isTransient: true, ex);
        }
    }

    private async Task<long> CopyAsync(HttpResponseMessage response, string partialPath, FileMode mode, long existing, long? total,
        string label, Action<long, long?> onProgress, FileDownloadState state, CancellationToken cancellationToken)
    {
        var buffer = new byte[BufferSize];
        long fetched = 0, lastReport = 0;
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await using var file = new FileStream(partialPath, mode, FileAccess.Write, FileShare.None, BufferSize, useAsync: true);
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        while (true)
        {
            int read;
            stall.CancelAfter(options.StallTimeout);
            try
            {
                read = await body.ReadAsync(buffer, stall.Token);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw new ModelDownloadException($"{label}: no data for {options.StallTimeout.TotalSeconds:0} s; the connection stalled", isTransient: true, ex);
            }
            catch (IOException ex)
            {
                throw new ModelDownloadException($"{label}: the connection broke after {existing + fetched:N0} bytes ({ex.Message})", isTransient: true, ex);
            }
            if (read == 0) break;
            try
            {
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
            catch (IOException ex)
            {
                throw WriteError(ex, partialPath, label);
            }
            fetched += read;
            state.Fetched += read;
            if (fetched - lastReport >= ProgressStep)
            {
                lastReport = fetched;
                onProgress(existing + fetched, total);
            }
        }
        try
        {
            await file.FlushAsync(cancellationToken);
        }
        catch (IOException ex)
        {
            throw WriteError(ex, partialPath, label);
        }
        return fetched;
    }

    private ModelDownloadException StatusError(HttpStatusCode status, string label, Uri uri)
    {
        var code = (int)status;
        return status switch
        {
            HttpStatusCode.NotFound => new ModelDownloadException(
                $"{label} not found at {options.Endpoint} (HTTP 404); check the model name or --endpoint"),
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new ModelDownloadException(
                $"{label} at {options.Endpoint} was refused (HTTP {code}); " +
                (string.IsNullOrEmpty(options.Token)
                    ? "set HF_TOKEN to a Hugging Face access token (gated models also need their licence accepted on the model page)"
                    : "the HF_TOKEN given may not read this repository; check the token and accept the model's licence on its page")),
            HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests => new ModelDownloadException(
                $"{label}: {options.Endpoint} answered HTTP {code}; retrying later may help", isTransient: true),
            _ when code >= 500 => new ModelDownloadException(
                $"{label}: {options.Endpoint} answered HTTP {code} (server error)", isTransient: true),
            _ => new ModelDownloadException($"{label}: unexpected HTTP {code} from {uri}"),
        };
    }

    private static ModelDownloadException WriteError(IOException ex, string path, string label)
    {
        // ENOSPC is 28 on Linux and macOS; ERROR_HANDLE_DISK_FULL (39) and ERROR_DISK_FULL (112) on Windows.
        var code = ex.HResult & 0xFFFF;
        var diskFull = code is 28 or 39 or 112;
        var message = diskFull
            ? $"the disk is full while writing {label} to {path}; free some space and pull again (it resumes where it stopped)"
            : $"could not write {label} to {path}: {ex.Message}";
        return new ModelDownloadException(message, isTransient: false, ex);
    }
}
