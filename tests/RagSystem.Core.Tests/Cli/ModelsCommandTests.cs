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
        var bge = ModelCatalog.Find("bge-small-en-v1.5")!;
        foreach (var file in bge.Files)
            server.AddFile($"/hf/{bge.Repository}/resolve/main/{file.RemotePath}", System.Text.Encoding.UTF8.GetBytes($"content of {file.RemotePath}"));

        var (pullCode, pullOut, pullErr) = await RunAsync("models", "pull", "bge-small-en-v1.5", "--endpoint", server.BaseUrl + "/hf", "--models", models.Path);

        Assert.True(pullCode == 0, pullErr);
        var target = Path.Combine(models.Path, "embedding");
        Assert.Contains("installed", pullOut);
        Assert.Contains(target, pullOut.Replace("\n", "", StringComparison.Ordinal));
        Assert.Equal("content of 1_Pooling/config.json", await File.ReadAllTextAsync(Path.Combine(target, "1_Pooling", "config.json"), TestContext.Current.CancellationToken));
        Assert.True(File.Exists(Path.Combine(target, "onnx", "model.onnx")));
        Assert.True(File.Exists(Path.Combine(target, ModelDownloader.HintFileName)));
        Assert.All(server.Requests, r => Assert.StartsWith("/hf/BAAI/bge-small-en-v1.5/resolve/main/", r.Path));

        var (listCode, listOut, _) = await RunAsync("models", "list", "--json", "--models", models.Path);
        Assert.Equal(0, listCode);
        using var json = JsonDocument.Parse(listOut);
        var states = json.RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!, e => e.GetProperty("state").GetString());
        Assert.Equal("installed", states["bge-small-en-v1.5"]);
        Assert.Equal("not_installed", states["ms-marco-minilm-l6-v2"]);
    }

    [Fact]
    public async Task Pull_of_an_unknown_name_lists_the_known_names()
    {
        using var models = new TempDirectory("rag-cli-models");

        var (code, _, err) = await RunAsync("models", "pull", "gpt-5", "--models", models.Path);

        Assert.Equal(2, code);
        Assert.Contains("unknown model 'gpt-5'", err);
        Assert.Contains("bge-small-en-v1.5", err);
        Assert.Contains("phi-3.5-mini-instruct", err);
    }

    private static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var (previousOut, previousErr) = (Console.Out, Console.Error);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try
        {
            var code = await RagCommandLine.InvokeAsync(args);
            return (code, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetOut(previousOut);
            Console.SetError(previousErr);
        }
    }
}
