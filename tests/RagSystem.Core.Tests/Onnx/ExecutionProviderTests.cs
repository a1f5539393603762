using Microsoft.Extensions.AI;
using RagSystem.Embeddings;
using RagSystem.Generation;
using RagSystem.Onnx;
using RagSystem.Retrieval;
using RagSystem.Testing;
using RagSystem.Testing.Onnx;

namespace RagSystem.Core.Tests.Onnx;

/// <summary><c>Onnx:ExecutionProvider</c> on a machine where CUDA cannot load (this one, and every CI machine): <c>cuda</c>
/// fails with the same one line for the encoder, the reranker and the generator; <c>auto</c> runs them on the CPU and says so.</summary>
public sealed class ExecutionProviderTests : IDisposable
{
    private readonly TempDirectory _temp = new("provider");

    private string Encoder => Path.Combine(_temp.Path, "embedding");

    private string Reranker => Path.Combine(_temp.Path, "reranker");

    private string Generator => Path.Combine(_temp.Path, "generator");

    public ExecutionProviderTests()
    {
        if (CudaProbe.TryLoad(0, out _)) Assert.Skip("CUDA loads on this machine, so the no-CUDA behaviour cannot be observed");
        TinyModelFolder.WriteEncoder(Encoder);
        TinyModelFolder.WriteCrossEncoder(Reranker);
        TinyDecoderFolder.Write(Generator);
    }

    [Fact]
    public void Cuda_FailsWithOneLine_ForEncoderRerankerAndGenerator()
    {
        using var sessions = new OnnxSessionFactory(new OnnxRuntimeOptions { ExecutionProvider = "cuda" });

        var encoder = Assert.Throws<OnnxExecutionProviderException>(() => new OnnxEmbeddingGenerator(Encoder, sessionFactory: sessions));
        var reranker = Assert.Throws<OnnxExecutionProviderException>(() => new OnnxCrossEncoderReranker(Reranker, sessionFactory: sessions));
        var generator = Assert.Throws<OnnxExecutionProviderException>(() => OnnxChatClient.TryCreate(Generator, out _, null, sessions));
        // The generator's own-factory path says the same: a provider failure is never turned into "answers are extractive".
        var standalone = Assert.Throws<OnnxExecutionProviderException>(
            () => OnnxChatClient.TryCreate(Generator, out _, runtime: new OnnxRuntimeOptions { ExecutionProvider = "cuda" }));

        Assert.Equal(encoder.Message, reranker.Message);
        Assert.Equal(encoder.Message, generator.Message);
        Assert.Equal(encoder.Message, standalone.Message);
        Assert.DoesNotContain('\n', encoder.Message);
        Assert.StartsWith("Onnx:ExecutionProvider is \"cuda\" but CUDA cannot be used on this machine: ", encoder.Message);
        // Names the library that failed to load (the provider itself where it is left out, else a CUDA library) and what to install.
        Assert.Matches(@"providers_cuda\.(so|dll) is not beside|lib[\w.+-]+\.so[\d.]* cannot be loaded|\.dll cannot be loaded", encoder.Message);
        Assert.Contains("CUDA 13", encoder.Message);
        Assert.Contains("cuDNN 9", encoder.Message);
    }

    [Fact]
    public async Task Auto_FallsBackToTheCpu_WithANotice_AndEveryModelRuns()
    {
        using var sessions = new OnnxSessionFactory(new OnnxRuntimeOptions { ExecutionProvider = "auto" });

        Assert.False(sessions.Provider.UsesCuda);
        Assert.Equal("cpu", sessions.Provider.Name);
        Assert.StartsWith("Onnx:ExecutionProvider=auto: CUDA is not usable (", sessions.Provider.Notice);
        Assert.EndsWith("); running on the CPU", sessions.Provider.Notice);

        using var encoder = new OnnxEmbeddingGenerator(Encoder, sessionFactory: sessions);
        using var reranker = new OnnxCrossEncoderReranker(Reranker, sessionFactory: sessions);
        using var generator = OnnxChatClient.TryCreate(Generator, out var reason, null, sessions);
        Assert.True(generator is not null, reason);
        var ct = TestContext.Current.CancellationToken;
        var vectors = await encoder.GenerateAsync(["kv cache"], cancellationToken: ct);
        Assert.Equal(encoder.Dimensions, vectors[0].Vector.Length);
        var reply = await generator.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], new ChatOptions { MaxOutputTokens = 4 }, ct);
        Assert.Equal(4, reply.Usage!.OutputTokenCount);
    }

    [Fact]
    public void Cpu_HasNoNotice_AndUnknownNamesAreRejected()
    {
        Assert.Null(ExecutionProviderChoice.Resolve(new OnnxRuntimeOptions()).Notice);
        var error = Assert.Throws<OnnxExecutionProviderException>(() => ExecutionProviderChoice.Resolve(new OnnxRuntimeOptions { ExecutionProvider = "tpu" }));
        Assert.Contains("\"tpu\"", error.Message);
        Assert.Contains("\"auto\"", error.Message);
    }

    public void Dispose() => _temp.Dispose();
}
