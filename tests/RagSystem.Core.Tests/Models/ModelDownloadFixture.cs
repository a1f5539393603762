using System.Security.Cryptography;
using RagSystem.Models;
using RagSystem.Testing;

namespace RagSystem.Core.Tests.Models;

/// <summary>A loopback server serving a small two-file model, a temp models root, and a downloader pointed at both.</summary>
internal sealed class ModelDownloadFixture : IAsyncDisposable
{
    public const int ModelSize = 1_000_000;

    public ModelDownloadFixture(string prefix = "", bool knownHash = true, string? token = null)
    {
        ModelBytes = new byte[ModelSize];
        new Random(42).NextBytes(ModelBytes);
        Tokenizer = """{"model":{"type":"WordPiece"}}"""u8.ToArray();
        Endpoint = Server.BaseUrl + prefix;
        Entry = new ModelCatalogEntry
        {
            Name = "test-embed",
            Role = ModelRole.Embedding,
            Repository = "org/tiny",
            License = "MIT",
            ApproximateSize = ModelSize,
            Description = "test model",
            Files =
            [
                new("onnx/model.onnx", "onnx/model.onnx", knownHash ? Convert.ToHexStringLower(SHA256.HashData(ModelBytes)) : null),
                new("tokenizer.json"),
            ],
            HintJson = """{"pooling":"cls"}""",
        };
        Server.AddFile($"{prefix}/org/tiny/resolve/main/onnx/model.onnx", ModelBytes);
        Server.AddFile($"{prefix}/org/tiny/resolve/main/tokenizer.json", Tokenizer);
        Options = new ModelDownloadOptions { Endpoint = Endpoint, Token = token, MaxRetries = 3, RetryDelay = TimeSpan.FromMilliseconds(10) };
        Downloader = new ModelDownloader(Http, Options);
    }

    public LoopbackHttpServer Server { get; } = new();

    public TempDirectory Models { get; } = new("rag-models");

    public HttpClient Http { get; } = ModelDownloader.CreateHttpClient();

    public byte[] ModelBytes { get; }

    public byte[] Tokenizer { get; }

    public string Endpoint { get; }

    public ModelCatalogEntry Entry { get; }

    public ModelDownloadOptions Options { get; }

    public ModelDownloader Downloader { get; }

    public string ModelPath => $"{Endpoint[Server.BaseUrl.Length..]}/org/tiny/resolve/main/onnx/model.onnx";

    public string Target => Path.Combine(Models.Path, "embedding");

    public string Staging => Path.Combine(Models.Path, ".staging", "embedding-test-embed");

    /// <summary>Puts a complete earlier pull of another model into the embedding folder; returns its model file.</summary>
    public async Task<string> WritePreviousModelAsync(string name)
    {
        var model = Models.WriteFile(Path.Combine("embedding", "model.onnx"), "previous model");
        await new ModelDownloadManifest
        {
            Name = name, Repository = "org/older", Revision = "main", Endpoint = Endpoint, CompletedAt = DateTimeOffset.UnixEpoch,
            Files = [new ModelDownloadManifest.ManifestFile("model.onnx", "model.onnx", 14, new string('0', 64), Verified: false)],
        }.WriteAsync(Target, TestContext.Current.CancellationToken);
        return model;
    }

    public Task<ModelPullResult> PullAsync(bool force = false) => Downloader.PullAsync(Entry, Models.Path, force, cancellationToken: TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Models.Dispose();
        await Server.DisposeAsync();
    }
}
