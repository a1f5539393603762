using System.Text.Json;
using RagSystem.Cli;
using RagSystem.Models;
using RagSystem.Testing;

namespace RagSystem.Core.Tests.Cli;

[Collection(ConsoleCaptureCollection.Name)]
public sealed class ModelsCommandTests
{
    [Fact]
    public async Task Pull_with_endpoint_installs_the_catalogued_model_and_list_reports_it()
    {
        await using var server = new LoopbackHttpServer();
        using var models = new TempDirectory("rag-cli-models");
        // The reranker entry carries no checksums: every file it serves is installed and reported unverified.
        var reranker = ModelCatalog.Find("ms-marco-minilm-l6-v2")!;
        foreach (var file in reranker.Files)
            server.AddFile($"/hf/{reranker.Repository}/resolve/{reranker.Revision}/{file.RemotePath}", System.Text.Encoding.UTF8.GetBytes($"content of {file.RemotePath}"));

        var (pullCode, pullOut, pullErr) = await ConsoleCapture.RunAsync("models", "pull", "ms-marco-minilm-l6-v2", "--endpoint", server.BaseUrl + "/hf", "--models", models.Path);

        Assert.True(pullCode == 0, pullErr);
        var target = Path.Combine(models.Path, "reranker");
        Assert.Contains("installed", pullOut);
        Assert.Contains(target, pullOut.Replace("\n", "", StringComparison.Ordinal));
        Assert.Equal("content of config.json", await File.ReadAllTextAsync(Path.Combine(target, "config.json"), TestContext.Current.CancellationToken));
        Assert.True(File.Exists(Path.Combine(target, "onnx", "model.onnx")));
        Assert.All(server.Requests, r => Assert.StartsWith($"/hf/cross-encoder/ms-marco-MiniLM-L-6-v2/resolve/{reranker.Revision}/", r.Path));
        foreach (var file in reranker.Files) Assert.Contains($"unverified: {file.LocalPath} ", pullErr);

        var (listCode, listOut, _) = await ConsoleCapture.RunAsync("models", "list", "--json", "--models", models.Path);
        Assert.Equal(0, listCode);
        using var json = JsonDocument.Parse(listOut);
        var states = json.RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!, e => e.GetProperty("state").GetString());
        Assert.Equal("installed", states["ms-marco-minilm-l6-v2"]);
        Assert.Equal("not_installed", states["bge-small-en-v1.5"]);
    }

    [Fact]
    public async Task Pull_of_a_pinned_model_fetches_its_commit_and_refuses_files_that_do_not_match_its_checksums()
    {
        await using var server = new LoopbackHttpServer();
        using var models = new TempDirectory("rag-cli-models");
        var bge = ModelCatalog.Find("bge-small-en-v1.5")!;
        foreach (var file in bge.Files)
            server.AddFile($"/hf/{bge.Repository}/resolve/{bge.Revision}/{file.RemotePath}", System.Text.Encoding.UTF8.GetBytes($"not the real {file.RemotePath}"));

        var (code, _, err) = await ConsoleCapture.RunAsync("models", "pull", "bge-small-en-v1.5", "--endpoint", server.BaseUrl + "/hf", "--models", models.Path);

        Assert.NotEqual(0, code);
        Assert.Contains("SHA-256 mismatch", err);
        Assert.All(server.Requests, r => Assert.Contains("/resolve/5c38ec7c405ec4b44b94cc5a9bb96e735b38267a/", r.Path));
        Assert.False(File.Exists(Path.Combine(models.Path, "embedding", "onnx", "model.onnx")));
    }

    [Fact]
    public async Task Pull_of_an_unknown_name_lists_the_known_names()
    {
        using var models = new TempDirectory("rag-cli-models");

        var (code, _, err) = await ConsoleCapture.RunAsync("models", "pull", "gpt-5", "--models", models.Path);

        Assert.Equal(2, code);
        Assert.Contains("unknown model 'gpt-5'", err);
        Assert.Contains("bge-small-en-v1.5", err);
        Assert.Contains("phi-3.5-mini-instruct", err);
    }
}
