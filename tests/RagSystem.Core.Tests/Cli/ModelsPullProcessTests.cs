using System.Diagnostics;
using RagSystem.Models;
using RagSystem.Testing;

namespace RagSystem.Core.Tests.Cli;

public sealed class ModelsPullProcessTests
{
    [Fact]
    public async Task Killed_pull_process_leaves_no_model_in_place_and_the_next_pull_resumes()
    {
        var rag = Path.Combine(AppContext.BaseDirectory, "rag.dll");
        if (!File.Exists(rag)) Assert.Skip($"needs the CLI next to the tests ({rag})");
        var ct = TestContext.Current.CancellationToken;
        await using var server = new LoopbackHttpServer();
        using var models = new TempDirectory("rag-kill-models");
        // An entry without checksums, so the made-up weights install (the pinned bge entry would refuse them).
        var bge = ModelCatalog.Find("ms-marco-minilm-l6-v2")!;
        var weights = new byte[3_000_000];
        new Random(7).NextBytes(weights);
        var modelPath = $"/{bge.Repository}/resolve/{bge.Revision}/onnx/model.onnx";
        foreach (var file in bge.Files)
            server.AddFile($"/{bge.Repository}/resolve/{bge.Revision}/{file.RemotePath}", file.RemotePath == "onnx/model.onnx" ? weights : "{}"u8.ToArray());
        server.SetFault(modelPath, new LoopbackFault { ChunkDelay = TimeSpan.FromMilliseconds(100), Times = 1 });

        using (var pull = Process.Start(new ProcessStartInfo("dotnet")
        {
            ArgumentList = { rag, "models", "pull", "ms-marco-minilm-l6-v2", "--endpoint", server.BaseUrl, "--models", models.Path },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["CI"] = "true" },
        })!)
        {
            var deadline = Stopwatch.StartNew();
            while (server.BodyBytesSent < 500_000 && !pull.HasExited && deadline.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(20, ct);
            if (pull.HasExited) Assert.Fail("the pull finished before it could be killed: " + await pull.StandardError.ReadToEndAsync(ct));
            TestContext.Current.SendDiagnosticMessage($"kill after {deadline.ElapsedMilliseconds} ms, {server.BodyBytesSent} bytes");
            pull.Kill(entireProcessTree: true);
            await pull.WaitForExitAsync(ct);
        }

        Assert.False(Directory.Exists(Path.Combine(models.Path, "reranker")));
        var partial = new FileInfo(Path.Combine(models.Path, ".staging", "reranker-ms-marco-minilm-l6-v2", "onnx", "model.onnx.partial"));
        Assert.True(partial.Exists);
        Assert.InRange(partial.Length, 1, weights.Length - 1);
        var resumeFrom = partial.Length;

        using var http = ModelDownloader.CreateHttpClient();
        var result = await new ModelDownloader(http, new ModelDownloadOptions { Endpoint = server.BaseUrl })
            .PullAsync(bge, models.Path, cancellationToken: ct);

        Assert.Equal($"bytes={resumeFrom}-", server.Requests.Last(r => r.Path == modelPath).Range);
        Assert.Equal(weights, await File.ReadAllBytesAsync(Path.Combine(result.InstalledDirectory, "onnx", "model.onnx"), ct));
        Assert.True(File.Exists(Path.Combine(result.InstalledDirectory, ModelDownloadManifest.FileName)));
    }
}
