using System.Text.Json;
using RagSystem.Cli;
using RagSystem.Models;
using RagSystem.Ocr;
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

    [Fact]
    public async Task Ocr_models_are_catalogued_pulled_into_the_ocr_folder_and_listed()
    {
        await using var server = new LoopbackHttpServer();
        using var models = new TempDirectory("rag-cli-models");
        var ocr = ModelCatalog.Find("pp-ocrv4")!;
        Assert.Equal(40, ocr.Revision.Length);
        foreach (var file in ocr.Files)
            server.AddFile($"/hf/{ocr.Repository}/resolve/{ocr.Revision}/{file.RemotePath}", System.Text.Encoding.UTF8.GetBytes($"content of {file.RemotePath}"));

        var (pullCode, _, pullErr) = await ConsoleCapture.RunAsync("models", "pull", "pp-ocrv4", "--endpoint", server.BaseUrl + "/hf", "--models", models.Path);

        Assert.True(pullCode == 0, pullErr);
        var target = Path.Combine(models.Path, "ocr");
        // Laid out as PaddleOCR names its files, which is what the OCR engine looks for.
        var files = OcrModelFiles.Find(target);
        Assert.NotNull(files);
        Assert.Equal("content of rec/ch_PP-OCRv4_rec/dict.txt", await File.ReadAllTextAsync(files.CharacterList, TestContext.Current.CancellationToken));
        foreach (var file in ocr.Files) Assert.Contains($"unverified: {file.LocalPath} ", pullErr);
        Assert.Equal("installed", await OcrStateAsync(models.Path));
    }

    [Fact]
    public async Task Ocr_folder_placed_by_hand_is_listed_as_installed_and_never_overwritten_by_a_pull()
    {
        using var models = new TempDirectory("rag-cli-models");
        Assert.Equal("not_installed", await OcrStateAsync(models.Path));
        var folder = Directory.CreateDirectory(Path.Combine(models.Path, "ocr")).FullName;
        foreach (var name in new[] { "ch_PP-OCRv4_det_infer.onnx", "ch_PP-OCRv4_rec_infer.onnx", "ppocr_keys_v1.txt" })
            await File.WriteAllTextAsync(Path.Combine(folder, name), "placed by hand", TestContext.Current.CancellationToken);

        Assert.Equal("hand_placed", await OcrStateAsync(models.Path));
        var (code, _, err) = await ConsoleCapture.RunAsync("models", "pull", "pp-ocrv4", "--endpoint", "http://127.0.0.1:9/hf", "--models", models.Path);
        Assert.NotEqual(0, code);
        Assert.Contains("rag did not download", err);
        Assert.Equal("placed by hand", await File.ReadAllTextAsync(Path.Combine(folder, "ppocr_keys_v1.txt"), TestContext.Current.CancellationToken));
    }

    private static async Task<string?> OcrStateAsync(string modelsDirectory)
    {
        var (code, output, err) = await ConsoleCapture.RunAsync("models", "list", "--json", "--models", modelsDirectory);
        Assert.True(code == 0, err);
        using var json = JsonDocument.Parse(output);
        var ocr = json.RootElement.EnumerateArray().Single(e => e.GetProperty("name").GetString() == "pp-ocrv4");
        Assert.Equal("ocr", ocr.GetProperty("role").GetString());
        return ocr.GetProperty("state").GetString();
    }
}
