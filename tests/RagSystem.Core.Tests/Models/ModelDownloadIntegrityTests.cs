using RagSystem.Models;
using RagSystem.Testing;

namespace RagSystem.Core.Tests.Models;

/// <summary>What a pull can and cannot vouch for: resumes only continue the same file (If-Range), files without a known
/// checksum are reported as unverified, and catalogue entries with checksums are pinned to a commit.</summary>
public sealed class ModelDownloadIntegrityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_resume_sends_if_range_and_a_file_changed_on_the_server_is_fetched_whole_not_spliced()
    {
        await using var f = new ModelDownloadFixture(knownHash: false);
        f.Server.SetFault(f.ModelPath, new LoopbackFault { CutAfterBytes = 300_000, Times = 1 });
        var once = new ModelDownloader(f.Http, new ModelDownloadOptions { Endpoint = f.Endpoint, MaxRetries = 0, RetryDelay = TimeSpan.FromMilliseconds(1) });
        await Assert.ThrowsAsync<ModelDownloadException>(() => once.PullAsync(f.Entry, f.Models.Path, cancellationToken: Ct));

        // The repository moves on between the runs: same path, new bytes.
        var updated = new byte[ModelDownloadFixture.ModelSize + 1000];
        new Random(7).NextBytes(updated);
        f.Server.AddFile(f.ModelPath, updated);
        await f.PullAsync();

        var resumed = f.Server.Requests.Where(r => r.Path == f.ModelPath).Last();
        Assert.Equal("bytes=300000-", resumed.Range);
        Assert.NotNull(resumed.IfRange);
        Assert.Equal(200, resumed.StatusCode);
        Assert.Equal(updated, await File.ReadAllBytesAsync(Path.Combine(f.Target, "onnx", "model.onnx"), Ct));
        Assert.Empty(Directory.GetFiles(f.Target, "*.validator", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task An_unchanged_file_resumes_with_its_own_validator()
    {
        await using var f = new ModelDownloadFixture();
        f.Server.SetFault(f.ModelPath, new LoopbackFault { CutAfterBytes = 300_000, Times = 1 });

        await f.PullAsync();

        var resumed = f.Server.Requests.Where(r => r.Path == f.ModelPath).Last();
        Assert.Equal(206, resumed.StatusCode);
        Assert.Equal("\"" + f.Entry.Files[0].Sha256 + "\"", resumed.IfRange);
    }

    [Fact]
    public async Task Files_without_a_known_checksum_are_listed_as_unverified_on_pull_and_when_already_installed()
    {
        await using var f = new ModelDownloadFixture();

        var first = await f.PullAsync();
        var again = await f.PullAsync();

        Assert.Equal(["tokenizer.json"], first.UnverifiedFiles);
        Assert.True(again.AlreadyInstalled);
        Assert.Equal(["tokenizer.json"], again.UnverifiedFiles);
    }

    [Fact]
    public void Every_catalogue_entry_with_checksums_is_pinned_to_a_commit()
    {
        var pinned = ModelCatalog.Entries.Where(e => e.Files.Any(file => file.Sha256 is not null)).ToList();
        Assert.NotEmpty(pinned);
        Assert.All(pinned, e => Assert.Matches("^[0-9a-f]{40}$", e.Revision));
        Assert.All(pinned.SelectMany(e => e.Files).Where(file => file.Sha256 is not null), file => Assert.Matches("^[0-9a-f]{64}$", file.Sha256!));
    }
}
