using RagSystem.Models;
using RagSystem.Testing;

namespace RagSystem.Core.Tests.Models;

public sealed class ModelDownloaderFailureTests
{
    [Fact]
    public async Task Corrupted_file_fails_the_sha256_check_and_installs_nothing()
    {
        await using var f = new ModelDownloadFixture();
        f.Server.SetFault(f.ModelPath, new LoopbackFault { CorruptAtOffset = 12_345 });

        var ex = await Assert.ThrowsAsync<ModelDownloadException>(() => f.PullAsync());

        Assert.Contains("org/tiny/onnx/model.onnx", ex.Message);
        Assert.Contains(f.Entry.Files[0].Sha256!, ex.Message);
        Assert.Contains("SHA-256 mismatch", ex.Message);
        Assert.False(Directory.Exists(f.Target));
        Assert.False(File.Exists(Path.Combine(f.Staging, "onnx", "model.onnx")));
        Assert.False(File.Exists(Path.Combine(f.Staging, "onnx", "model.onnx.partial")));
    }

    [Fact]
    public async Task Missing_file_gives_a_clear_404_error_without_retries()
    {
        await using var f = new ModelDownloadFixture();
        f.Server.SetFault(f.ModelPath, new LoopbackFault { StatusCode = 404 });

        var ex = await Assert.ThrowsAsync<ModelDownloadException>(() => f.PullAsync());

        Assert.Equal($"org/tiny/onnx/model.onnx not found at {f.Endpoint} (HTTP 404); check the model name or --endpoint", ex.Message);
        Assert.Single(f.Server.Requests, r => r.Path == f.ModelPath);
        Assert.False(Directory.Exists(f.Target));
    }

    [Fact]
    public async Task Unauthorized_mentions_HF_TOKEN()
    {
        await using var f = new ModelDownloadFixture();
        f.Server.SetFault(f.ModelPath, new LoopbackFault { StatusCode = 401 });

        var ex = await Assert.ThrowsAsync<ModelDownloadException>(() => f.PullAsync());

        Assert.Contains("HTTP 401", ex.Message);
        Assert.Contains("HF_TOKEN", ex.Message);
    }

    [Fact]
    public async Task Transient_server_errors_are_retried()
    {
        await using var f = new ModelDownloadFixture();
        f.Server.SetFault(f.ModelPath, new LoopbackFault { StatusCode = 503, Times = 2 });

        await f.PullAsync();

        Assert.Equal([503, 503, 200], f.Server.Requests.Where(r => r.Path == f.ModelPath).Select(r => r.StatusCode));
        Assert.True(File.Exists(Path.Combine(f.Target, "onnx", "model.onnx")));
    }

    [Fact]
    public async Task Interrupted_pull_keeps_the_previous_model_and_a_resumable_partial()
    {
        await using var f = new ModelDownloadFixture();
        var previous = await f.WritePreviousModelAsync("older-model");
        // Every attempt is cut: the pull gives up after its retries, as if the network went away.
        f.Server.SetFault(f.ModelPath, new LoopbackFault { CutAfterBytes = 100_000 });

        var ex = await Assert.ThrowsAsync<ModelDownloadException>(() => f.PullAsync());

        Assert.Contains("run the pull again to resume", ex.Message);
        Assert.Equal("previous model", await File.ReadAllTextAsync(previous, TestContext.Current.CancellationToken));
        Assert.Equal([ModelDownloadManifest.FileName, "model.onnx"], Directory.GetFileSystemEntries(f.Target).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var partial = new FileInfo(Path.Combine(f.Staging, "onnx", "model.onnx.partial"));
        Assert.True(partial.Exists);
        Assert.Equal(400_000, partial.Length);
        Assert.Equal(ModelInstallState.OtherModel, await ModelInstallation.InspectAsync(f.Entry, f.Models.Path, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Files_placed_by_hand_are_not_replaced_without_force()
    {
        await using var f = new ModelDownloadFixture();
        var own = f.Models.WriteFile(Path.Combine("embedding", "model.onnx"), "my own model");

        var ex = await Assert.ThrowsAsync<ModelDownloadException>(() => f.PullAsync());

        Assert.Contains("--force", ex.Message);
        Assert.Empty(f.Server.Requests);
        Assert.Equal("my own model", await File.ReadAllTextAsync(own, TestContext.Current.CancellationToken));

        var forced = await f.PullAsync(force: true);
        Assert.Null(forced.ReplacedModel);
        Assert.False(File.Exists(own));
        Assert.Equal(ModelInstallState.Installed, await ModelInstallation.InspectAsync(f.Entry, f.Models.Path, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Corrupt_manifest_blocks_a_plain_pull_but_not_a_forced_one()
    {
        await using var f = new ModelDownloadFixture();
        f.Models.WriteFile(Path.Combine("embedding", ModelDownloadManifest.FileName), "{ not json");

        var ex = await Assert.ThrowsAsync<ModelDownloadException>(() => f.PullAsync());
        Assert.Contains("--force", ex.Message);

        await f.PullAsync(force: true);
        Assert.Equal(ModelInstallState.Installed, await ModelInstallation.InspectAsync(f.Entry, f.Models.Path, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Pull_replaces_another_pulled_model_and_says_so()
    {
        await using var f = new ModelDownloadFixture();
        await f.WritePreviousModelAsync("older-model");

        var result = await f.PullAsync();

        Assert.Equal("older-model", result.ReplacedModel);
        Assert.Equal(f.ModelBytes, await File.ReadAllBytesAsync(Path.Combine(f.Target, "onnx", "model.onnx"), TestContext.Current.CancellationToken));
        Assert.False(File.Exists(Path.Combine(f.Target, "model.onnx")));
        Assert.False(Directory.Exists(Path.Combine(f.Models.Path, ".staging")));
    }

    [Fact]
    public async Task Cancelled_pull_leaves_no_model_folder()
    {
        await using var f = new ModelDownloadFixture();
        using var cts = new CancellationTokenSource();
        var progress = new SynchronousProgress(p => { if (p.BytesReceived > 0) cts.Cancel(); });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => f.Downloader.PullAsync(f.Entry, f.Models.Path, progress: progress, cancellationToken: cts.Token));

        Assert.False(Directory.Exists(f.Target));
    }

    [Fact]
    public async Task Swap_interrupted_between_renames_is_repaired_on_the_next_pull()
    {
        await using var f = new ModelDownloadFixture();
        f.Models.WriteFile(Path.Combine(".staging", "embedding.previous", "model.onnx"), "previous model");
        f.Server.SetFault(f.ModelPath, new LoopbackFault { StatusCode = 404 });

        await Assert.ThrowsAsync<ModelDownloadException>(() => f.PullAsync());

        Assert.Equal("previous model", await File.ReadAllTextAsync(Path.Combine(f.Target, "model.onnx"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Endpoint_option_and_token_are_used_for_every_request()
    {
        await using var f = new ModelDownloadFixture(prefix: "/mirror", token: "secret-token");

        await f.PullAsync();

        Assert.Equal(2, f.Server.Requests.Count);
        Assert.All(f.Server.Requests, r => Assert.StartsWith("/mirror/org/tiny/resolve/main/", r.Path));
        Assert.All(f.Server.Requests, r => Assert.Equal("Bearer secret-token", r.Authorization));
    }

    [Fact]
    public void Endpoint_resolution_prefers_flag_then_RAG_HF_ENDPOINT_then_HF_ENDPOINT()
    {
        var env = new Dictionary<string, string?> { ["RAG_HF_ENDPOINT"] = "http://rag-mirror/", ["HF_ENDPOINT"] = "http://hf-mirror" };
        Assert.Equal("http://flag", ModelDownloadOptions.ResolveEndpoint("http://flag/", n => env.GetValueOrDefault(n)));
        Assert.Equal("http://rag-mirror", ModelDownloadOptions.ResolveEndpoint(null, n => env.GetValueOrDefault(n)));
        env["RAG_HF_ENDPOINT"] = null;
        Assert.Equal("http://hf-mirror", ModelDownloadOptions.ResolveEndpoint(null, n => env.GetValueOrDefault(n)));
        Assert.Equal("https://huggingface.co", ModelDownloadOptions.ResolveEndpoint(null, _ => null));
    }

    private sealed class SynchronousProgress(Action<DownloadProgress> report) : IProgress<DownloadProgress>
    {
        public void Report(DownloadProgress value) => report(value);
    }
}
