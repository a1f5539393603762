using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RagSystem.Diagnostics;

namespace RagSystem.Models;

/// <summary>Pulls a catalogued model from a Hugging Face compatible endpoint into <c>&lt;models&gt;/&lt;role&gt;</c>.</summary>
/// <remarks>
/// Files land in <c>&lt;models&gt;/.staging/&lt;role&gt;-&lt;name&gt;/</c> through <c>.partial</c> files that later runs
/// resume with HTTP ranges. Only when every file is complete and verified are <c>rag-model.json</c> and the
/// <c>.rag-download.json</c> manifest written, and the staged folder renamed into place. A pull that dies at any
/// point therefore leaves the role folder holding the previous model (or nothing), never half a model.
/// </remarks>
public sealed class ModelDownloader
{
    /// <summary>Name of the hint file written next to the model.</summary>
    public const string HintFileName = "rag-model.json";

    private const string StagingFolder = ".staging";

    private readonly ModelDownloadOptions _options;
    private readonly ResumableFileDownload _download;
    private readonly ILogger _logger;

    /// <summary>Creates a downloader over an <see cref="HttpClient"/> (for example a typed client from <c>IHttpClientFactory</c>).</summary>
    public ModelDownloader(HttpClient http, ModelDownloadOptions? options = null, ILogger<ModelDownloader>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        _options = options ?? new ModelDownloadOptions();
        _download = new ResumableFileDownload(http, _options);
        _logger = logger ?? NullLogger<ModelDownloader>.Instance;
    }

    /// <summary>An <see cref="HttpClient"/> suited to the downloader: redirects left to the downloader (so it can read the
    /// Hub's <c>X-Linked-Etag</c> SHA-256 and keep the token off the CDN), no decompression, a 30 s connect timeout.</summary>
    public static HttpClient CreateHttpClient()
    {
        var http = new HttpClient(CreateHandler());
        http.DefaultRequestHeaders.UserAgent.ParseAdd("RagSystem/1.0");
        return http;
    }

    /// <summary>The primary handler <see cref="CreateHttpClient"/> uses; register it with <c>IHttpClientFactory</c> too.</summary>
    public static SocketsHttpHandler CreateHandler() => new()
    {
        AllowAutoRedirect = false,
        AutomaticDecompression = System.Net.DecompressionMethods.None,
        ConnectTimeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>The URL a file is fetched from: <c>{endpoint}/{repo}/resolve/{revision}/{path}</c>.</summary>
    public Uri ResolveUri(ModelCatalogEntry entry, ModelFile file)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(file);
        var path = string.Join('/', file.RemotePath.Split('/').Select(Uri.EscapeDataString));
        return new Uri($"{_options.Endpoint.TrimEnd('/')}/{entry.Repository}/resolve/{Uri.EscapeDataString(entry.Revision)}/{path}");
    }

    /// <summary>Downloads <paramref name="entry"/> into its role folder under <paramref name="modelsDirectory"/>.</summary>
    /// <param name="entry">The model to pull.</param>
    /// <param name="modelsDirectory">The models root.</param>
    /// <param name="force">Download again even when the model is installed, discarding any resumable partial files.</param>
    /// <param name="progress">Receives per-file progress.</param>
    /// <param name="cancellationToken">Stops the pull; partial files stay for the next run to resume.</param>
    /// <exception cref="ModelDownloadException">A file could not be fetched, verified or written.</exception>
    public async Task<ModelPullResult> PullAsync(ModelCatalogEntry entry, string modelsDirectory, bool force = false,
        IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        using var activity = RagTelemetry.Source.StartActivity("models.pull");
        activity?.SetTag("rag.model.name", entry.Name);
        activity?.SetTag("rag.model.repository", entry.Repository);

        var target = ModelInstallation.TargetDirectory(entry, modelsDirectory);
        var stagingRoot = Path.Combine(modelsDirectory, StagingFolder);
        var staging = Path.Combine(stagingRoot, $"{entry.RoleFolder}-{entry.Name}");
        var backup = Path.Combine(stagingRoot, $"{entry.RoleFolder}.previous");
        try
        {
            if (ModelFolderSwap.RestoreInterrupted(target, backup))
                _logger.LogWarning("Restored the previous model in {Target}: an earlier pull stopped while swapping folders", target);
            string? replaced;
            if (force)
            {
                // --force replaces whatever is there, even a folder whose manifest no longer parses, and starts afresh.
                replaced = await TryReadNameAsync(target, cancellationToken);
                if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
            }
            else
            {
                var state = await ModelInstallation.InspectAsync(entry, modelsDirectory, cancellationToken);
                if (state == ModelInstallState.Installed)
                {
                    var installed = await ModelDownloadManifest.ReadAsync(target, cancellationToken);
                    return new ModelPullResult(entry.Name, target, 0, AlreadyInstalled: true)
                    {
                        UnverifiedFiles = installed?.Files.Where(f => !f.Verified).Select(f => f.Path).ToList() ?? [],
                    };
                }
                replaced = state == ModelInstallState.OtherModel ? (await ModelDownloadManifest.ReadAsync(target, cancellationToken))?.Name : null;
                // Files placed by hand carry no manifest; replacing them would delete the user's own model.
                if (state == ModelInstallState.HandPlaced || (state == ModelInstallState.OtherModel && replaced is null))
                    throw new ModelDownloadException(
                        $"{target} holds files that rag did not download (no {ModelDownloadManifest.FileName}); " +
                        "move them elsewhere, or pass --force to replace them");
            }
            Directory.CreateDirectory(staging);

            long fetched = 0;
            var files = new List<ModelDownloadManifest.ManifestFile>(entry.Files.Count);
            for (var i = 0; i < entry.Files.Count; i++)
            {
                var (record, bytes) = await FetchFileAsync(entry, entry.Files[i], staging, i, progress, cancellationToken);
                files.Add(record);
                fetched += bytes;
            }

            // The hint and then the manifest go last: their presence marks the folder complete.
            if (entry.HintJson is { } hint)
                await File.WriteAllTextAsync(Path.Combine(staging, HintFileName), hint.Trim() + "\n", cancellationToken);
            var manifest = new ModelDownloadManifest
            {
                Name = entry.Name,
                Repository = entry.Repository,
                Revision = entry.Revision,
                Endpoint = _options.Endpoint,
                CompletedAt = DateTimeOffset.UtcNow,
                Files = files,
            };
            await manifest.WriteAsync(staging, cancellationToken);
            ModelFolderSwap.Install(staging, target, backup);
            DeleteIfEmpty(stagingRoot);
            _logger.LogInformation("Installed {Model} into {Target} ({Bytes} bytes fetched)", entry.Name, target, fetched);
            return new ModelPullResult(entry.Name, target, fetched, AlreadyInstalled: false)
            {
                ReplacedModel = replaced,
                UnverifiedFiles = files.Where(f => !f.Verified).Select(f => f.Path).ToList(),
            };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ModelDownloadException($"could not prepare the model folder under {modelsDirectory}: {ex.Message}", inner: ex);
        }
    }

    private async Task<string?> TryReadNameAsync(string target, CancellationToken cancellationToken)
    {
        try
        {
            return (await ModelDownloadManifest.ReadAsync(target, cancellationToken))?.Name;
        }
        catch (ModelDownloadException ex)
        {
            _logger.LogWarning("Replacing {Target}, whose download manifest is unreadable: {Message}", target, ex.Message);
            return null;
        }
    }

    private async Task<(ModelDownloadManifest.ManifestFile Record, long Fetched)> FetchFileAsync(ModelCatalogEntry entry, ModelFile file,
        string staging, int index, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        var final = LocalPathInside(staging, file.LocalPath);
        var partial = final + ".partial";
        var label = $"{entry.Repository}/{file.RemotePath}";
        var count = entry.Files.Count;
        Directory.CreateDirectory(Path.GetDirectoryName(final)!);
        var state = new FileDownloadState();
        var expected = file.Sha256;
        if (!File.Exists(final))
        {
            var uri = ResolveUri(entry, file);
            void Report(long received, long? total) =>
                progress?.Report(new DownloadProgress(file.LocalPath, index, count, received, total ?? file.Size, IsComplete: false));
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    await _download.RunAsync(uri, label, partial, Report, state, cancellationToken);
                    break;
                }
                catch (ModelDownloadException ex) when (ex.IsTransient && attempt < _options.MaxRetries)
                {
                    var delay = TimeSpan.FromTicks(Math.Min(_options.RetryDelay.Ticks << Math.Min(attempt, 16), TimeSpan.FromSeconds(30).Ticks));
                    _logger.LogWarning("{Message}; retry {Attempt} of {Max} in {Delay}", ex.Message, attempt + 1, _options.MaxRetries, delay);
                    await Task.Delay(delay, cancellationToken);
                }
                catch (ModelDownloadException ex) when (ex.IsTransient)
                {
                    throw new ModelDownloadException($"{ex.Message} (gave up after {attempt + 1} attempts; run the pull again to resume)", inner: ex);
                }
            }
            expected ??= state.LinkedSha256;
            await VerifyAsync(file, expected, partial, label, cancellationToken);
            File.Move(partial, final, overwrite: true);
            PartialValidator.Delete(partial);
        }
        else
        {
            await VerifyAsync(file, expected, final, label, cancellationToken);
        }
        var size = new FileInfo(final).Length;
        var sha = await Sha256Async(final, cancellationToken);
        progress?.Report(new DownloadProgress(file.LocalPath, index, count, size, size, IsComplete: true));
        return (new ModelDownloadManifest.ManifestFile(file.LocalPath, file.RemotePath, size, sha, Verified: expected is not null), state.Fetched);
    }

    private static async Task VerifyAsync(ModelFile file, string? expected, string path, string label, CancellationToken cancellationToken)
    {
        var size = new FileInfo(path).Length;
        if (file.Size is { } expectedSize && size != expectedSize)
        {
            File.Delete(path);
            throw new ModelDownloadException($"{label}: size mismatch, expected {expectedSize:N0} bytes, got {size:N0}; the download was deleted, pull again");
        }
        if (expected is null) return;
        var actual = await Sha256Async(path, cancellationToken);
        if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
        {
            File.Delete(path);
            throw new ModelDownloadException(
                $"{label}: SHA-256 mismatch, expected {expected.ToLowerInvariant()}, got {actual}; the download was deleted. " +
                "Pull again; if it keeps failing, the endpoint serves a different file than the expected checksum describes");
        }
    }

    private static async Task<string> Sha256Async(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }

    private static string LocalPathInside(string root, string localPath)
    {
        var full = Path.GetFullPath(Path.Combine(root, localPath.Replace('/', Path.DirectorySeparatorChar)));
        if (!full.StartsWith(Path.GetFullPath(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ModelDownloadException($"catalogue path '{localPath}' points outside the model folder");
        return full;
    }

    private static void DeleteIfEmpty(string directory)
    {
        if (Directory.Exists(directory) && !Directory.EnumerateFileSystemEntries(directory).Any()) Directory.Delete(directory);
    }
}
