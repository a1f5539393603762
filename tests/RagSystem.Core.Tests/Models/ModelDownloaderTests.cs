using RagSystem.Models;
using RagSystem.Testing;

namespace RagSystem.Core.Tests.Models;

public sealed class ModelDownloaderTests
{
    [Fact]
    public async Task Pull_installs_files_hint_and_manifest_into_the_role_folder()
    {
        await using var f = new ModelDownloadFixture();

        var result = await f.PullAsync();

        Assert.False(result.AlreadyInstalled);
        Assert.Equal(f.Target, result.InstalledDirectory);
        Assert.Equal(f.ModelBytes, await File.ReadAllBytesAsync(Path.Combine(f.Target, "onnx", "model.onnx"), TestContext.Current.CancellationToken));
        Assert.Equal(f.Tokenizer, await File.ReadAllBytesAsync(Path.Combine(f.Target, "tokenizer.json"), TestContext.Current.CancellationToken));
        Assert.Contains("cls", await File.ReadAllTextAsync(Path.Combine(f.Target, ModelDownloader.HintFileName), TestContext.Current.CancellationToken));
        var manifest = await ModelDownloadManifest.ReadAsync(f.Target, TestContext.Current.CancellationToken);
        Assert.NotNull(manifest);
        Assert.Equal("test-embed", manifest.Name);
        Assert.Equal(2, manifest.Files.Count);
        Assert.True(manifest.Files[0].Verified);
        Assert.False(manifest.Files[1].Verified);
        Assert.Equal(f.Entry.Files[0].Sha256, manifest.Files[0].Sha256);
        Assert.False(Directory.Exists(Path.Combine(f.Models.Path, ".staging")));
        Assert.Empty(Directory.GetFiles(f.Target, "*.partial", SearchOption.AllDirectories));
        Assert.Equal(ModelInstallState.Installed, await ModelInstallation.InspectAsync(f.Entry, f.Models.Path, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Pull_resumes_with_a_range_request_after_the_connection_is_cut()
    {
        await using var f = new ModelDownloadFixture();
        f.Server.SetFault(f.ModelPath, new LoopbackFault { CutAfterBytes = 300_000, Times = 1 });

        var result = await f.PullAsync();

        var modelRequests = f.Server.Requests.Where(r => r.Path == f.ModelPath).ToList();
        Assert.Equal(2, modelRequests.Count);
        Assert.Null(modelRequests[0].Range);
        Assert.Equal("bytes=300000-", modelRequests[1].Range);
        Assert.Equal(206, modelRequests[1].StatusCode);
        Assert.Equal(f.ModelBytes, await File.ReadAllBytesAsync(Path.Combine(f.Target, "onnx", "model.onnx"), TestContext.Current.CancellationToken));
        // Every byte crossed the wire once: the resumed request fetched only the rest.
        Assert.Equal(ModelDownloadFixture.ModelSize + f.Tokenizer.Length, f.Server.BodyBytesSent);
        Assert.Equal(ModelDownloadFixture.ModelSize + f.Tokenizer.Length, result.BytesDownloaded);
    }

    [Fact]
    public async Task Pull_follows_a_cdn_redirect_and_resumes_there_with_a_range()
    {
        await using var f = new ModelDownloadFixture();
        f.Server.AddFile("/cdn/blob", f.ModelBytes);
        f.Server.SetFault(f.ModelPath, new LoopbackFault { RedirectTo = "/cdn/blob" });
        f.Server.SetFault("/cdn/blob", new LoopbackFault { CutAfterBytes = 250_000, Times = 1 });

        await f.PullAsync();

        Assert.Equal([null, "bytes=250000-"], f.Server.Requests.Where(r => r.Path == "/cdn/blob").Select(r => r.Range));
        Assert.Equal(f.ModelBytes, await File.ReadAllBytesAsync(Path.Combine(f.Target, "onnx", "model.onnx"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Hub_linked_etag_verifies_files_the_catalogue_has_no_hash_for()
    {
        await using var f = new ModelDownloadFixture(knownHash: false);
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(f.ModelBytes));
        f.Server.AddFile("/cdn/blob", f.ModelBytes);
        f.Server.SetFault(f.ModelPath, new LoopbackFault { RedirectTo = "/cdn/blob", LinkedSha256 = sha });

        await f.PullAsync();

        var manifest = await ModelDownloadManifest.ReadAsync(f.Target, TestContext.Current.CancellationToken);
        Assert.True(manifest!.Files[0].Verified);
        Assert.False(manifest.Files[1].Verified);
    }

    [Fact]
    public async Task Hub_linked_etag_mismatch_fails_the_pull()
    {
        await using var f = new ModelDownloadFixture(knownHash: false);
        var other = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(f.Tokenizer));
        f.Server.AddFile("/cdn/blob", f.ModelBytes);
        f.Server.SetFault(f.ModelPath, new LoopbackFault { RedirectTo = "/cdn/blob", LinkedSha256 = other });

        var ex = await Assert.ThrowsAsync<ModelDownloadException>(() => f.PullAsync());

        Assert.Contains($"expected {other}", ex.Message);
        Assert.False(Directory.Exists(f.Target));
    }

    [Fact]
    public async Task Token_is_not_sent_to_another_host_after_a_redirect()
    {
        await using var f = new ModelDownloadFixture(token: "secret-token");
        var cdn = f.Server.BaseUrl.Replace("127.0.0.1", "localhost", StringComparison.Ordinal) + "/cdn/blob";
        f.Server.AddFile("/cdn/blob", f.ModelBytes);
        f.Server.SetFault(f.ModelPath, new LoopbackFault { RedirectTo = cdn });

        await f.PullAsync();

        Assert.Equal("Bearer secret-token", f.Server.Requests.Single(r => r.Path == f.ModelPath).Authorization);
        Assert.Null(f.Server.Requests.Single(r => r.Path == "/cdn/blob").Authorization);
    }

    [Fact]
    public async Task Pull_resumes_a_partial_file_left_by_an_earlier_run()
    {
        await using var f = new ModelDownloadFixture();
        var partial = Path.Combine(f.Staging, "onnx", "model.onnx.partial");
        Directory.CreateDirectory(Path.GetDirectoryName(partial)!);
        await File.WriteAllBytesAsync(partial, f.ModelBytes[..400_000], TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(partial + ".validator", $"etag \"{f.Entry.Files[0].Sha256}\"", TestContext.Current.CancellationToken);

        var result = await f.PullAsync();

        Assert.Equal("bytes=400000-", f.Server.Requests.Single(r => r.Path == f.ModelPath).Range);
        Assert.Equal(600_000 + f.Tokenizer.Length, result.BytesDownloaded);
        Assert.Equal(f.ModelBytes, await File.ReadAllBytesAsync(Path.Combine(f.Target, "onnx", "model.onnx"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Pull_restarts_a_partial_file_whose_source_version_was_not_recorded()
    {
        await using var f = new ModelDownloadFixture();
        var partial = Path.Combine(f.Staging, "onnx", "model.onnx.partial");
        Directory.CreateDirectory(Path.GetDirectoryName(partial)!);
        await File.WriteAllBytesAsync(partial, f.ModelBytes[..400_000], TestContext.Current.CancellationToken);

        await f.PullAsync();

        var request = f.Server.Requests.Single(r => r.Path == f.ModelPath);
        Assert.Null(request.Range);
        Assert.Equal(f.ModelBytes, await File.ReadAllBytesAsync(Path.Combine(f.Target, "onnx", "model.onnx"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Pull_restarts_the_file_when_the_server_ignores_the_range()
    {
        await using var f = new ModelDownloadFixture();
        var partial = Path.Combine(f.Staging, "onnx", "model.onnx.partial");
        Directory.CreateDirectory(Path.GetDirectoryName(partial)!);
        await File.WriteAllBytesAsync(partial, f.ModelBytes[..400_000], TestContext.Current.CancellationToken);
        f.Server.SetFault(f.ModelPath, new LoopbackFault { IgnoreRange = true });

        await f.PullAsync();

        Assert.Equal(200, f.Server.Requests.Single(r => r.Path == f.ModelPath).StatusCode);
        Assert.Equal(f.ModelBytes, await File.ReadAllBytesAsync(Path.Combine(f.Target, "onnx", "model.onnx"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Pull_accepts_a_complete_partial_when_the_server_answers_416()
    {
        await using var f = new ModelDownloadFixture();
        var partial = Path.Combine(f.Staging, "onnx", "model.onnx.partial");
        Directory.CreateDirectory(Path.GetDirectoryName(partial)!);
        await File.WriteAllBytesAsync(partial, f.ModelBytes, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(partial + ".validator", $"etag \"{f.Entry.Files[0].Sha256}\"", TestContext.Current.CancellationToken);

        var result = await f.PullAsync();

        Assert.Equal(416, f.Server.Requests.Single(r => r.Path == f.ModelPath).StatusCode);
        Assert.Equal(f.Tokenizer.Length, result.BytesDownloaded);
        Assert.Equal(f.ModelBytes, await File.ReadAllBytesAsync(Path.Combine(f.Target, "onnx", "model.onnx"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Pull_skips_an_installed_model_unless_forced()
    {
        await using var f = new ModelDownloadFixture();
        await f.PullAsync();
        var requestsAfterFirst = f.Server.Requests.Count;

        var again = await f.PullAsync();
        Assert.True(again.AlreadyInstalled);
        Assert.Equal(requestsAfterFirst, f.Server.Requests.Count);

        var forced = await f.PullAsync(force: true);
        Assert.False(forced.AlreadyInstalled);
        Assert.Equal(requestsAfterFirst * 2, f.Server.Requests.Count);
        Assert.False(Directory.Exists(Path.Combine(f.Models.Path, ".staging")));
    }
}
