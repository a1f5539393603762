using RagSystem.Models;

namespace RagSystem.Core.Tests.Models;

public sealed class ModelCatalogTests
{
    [Fact]
    public void Catalogue_has_one_model_per_role_at_least_and_unique_names()
    {
        Assert.Equal(ModelCatalog.Entries.Count, ModelCatalog.Names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        foreach (var role in Enum.GetValues<ModelRole>()) Assert.Contains(ModelCatalog.Entries, e => e.Role == role);
    }

    [Fact]
    public void Every_entry_puts_an_onnx_model_where_the_loaders_look_and_stays_inside_its_folder()
    {
        foreach (var entry in ModelCatalog.Entries)
        {
            if (entry.Role == ModelRole.Ocr)
            {
                // The OCR loader looks for PaddleOCR's file names, not a model.onnx and a tokenizer.
                using var folder = new RagSystem.Testing.TempDirectory("rag-ocr-layout");
                foreach (var file in entry.Files) File.WriteAllText(Path.Combine(folder.Path, file.LocalPath), "");
                Assert.NotNull(RagSystem.Ocr.OcrModelFiles.Find(folder.Path));
            }
            else
            {
                Assert.Contains(entry.Files, f => f.LocalPath is "model.onnx" || f.LocalPath.StartsWith("onnx/model", StringComparison.Ordinal));
                Assert.Contains(entry.Files, f => f.LocalPath == "tokenizer.json");
                Assert.Contains(entry.Files, f => f.LocalPath == "config.json");
            }
            Assert.All(entry.Files, f => Assert.False(f.LocalPath.Contains("..", StringComparison.Ordinal) || Path.IsPathRooted(f.LocalPath)));
            Assert.All(entry.Files, f => Assert.True(f.Sha256 is null || f.Sha256.Length == 64));
        }
    }

    [Fact]
    public void Embedding_model_carries_the_bge_pooling_and_query_prefix_hint()
    {
        var bge = ModelCatalog.Find("BGE-small-en-v1.5");
        Assert.NotNull(bge);
        Assert.Equal("embedding", bge.RoleFolder);
        using var hint = System.Text.Json.JsonDocument.Parse(bge.HintJson!);
        Assert.Equal("cls", hint.RootElement.GetProperty("pooling").GetString());
        Assert.True(hint.RootElement.GetProperty("normalize").GetBoolean());
        Assert.StartsWith("Represent this sentence", hint.RootElement.GetProperty("query_prefix").GetString());
        Assert.Null(ModelCatalog.Find("no-such-model"));
    }

    [Fact]
    public void Resolve_url_follows_the_hugging_face_layout()
    {
        using var http = new HttpClient();
        var downloader = new ModelDownloader(http, new ModelDownloadOptions { Endpoint = "https://hf-mirror.example/" });
        var phi = ModelCatalog.Find("phi-3.5-mini-instruct")!;
        Assert.Equal(
            "https://hf-mirror.example/microsoft/Phi-3.5-mini-instruct-onnx/resolve/main/cpu_and_mobile/cpu-int4-awq-block-128-acc-level-4/genai_config.json",
            downloader.ResolveUri(phi, phi.Files.Single(f => f.LocalPath == "genai_config.json")).ToString());
    }
}
