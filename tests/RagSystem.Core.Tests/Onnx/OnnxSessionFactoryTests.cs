using Microsoft.ML.OnnxRuntime;
using RagSystem.Onnx;
using RagSystem.Testing;
using RagSystem.Testing.Onnx;

namespace RagSystem.Core.Tests.Onnx;

public sealed class OnnxSessionFactoryTests
{
    [Fact]
    public void SameModelPathGivesTheSameSession()
    {
        using var temp = new TempDirectory();
        var path = TinyModelFolder.WriteEncoder(temp.Path);
        using var factory = new OnnxSessionFactory(new OnnxRuntimeOptions { IntraOpNumThreads = 1 });

        var first = factory.GetSession(path);
        var second = factory.GetSession(Path.Combine(temp.Path, "onnx", ".", "model.onnx"));

        Assert.Same(first, second);
        Assert.Contains("input_ids", first.InputMetadata.Keys);
    }

    [Fact]
    public void SessionOptionsOptimiseFullyAndKeepThreadCounts()
    {
        using var options = OnnxSessionFactory.CreateSessionOptions(new OnnxRuntimeOptions { IntraOpNumThreads = 0, InterOpNumThreads = 1 });
        Assert.Equal(GraphOptimizationLevel.ORT_ENABLE_ALL, options.GraphOptimizationLevel);
        Assert.Equal(0, options.IntraOpNumThreads);
        Assert.Equal(1, options.InterOpNumThreads);
    }

    [Fact]
    public void CudaOnTheCpuBuildSaysWhatToInstall()
    {
        if (OrtEnv.Instance().GetAvailableProviders().Contains("CUDAExecutionProvider")) Assert.Skip("this machine's ONNX Runtime has CUDA");

        var error = Assert.Throws<OnnxExecutionProviderException>(
            () => OnnxSessionFactory.CreateSessionOptions(new OnnxRuntimeOptions { ExecutionProvider = "cuda" }));

        Assert.Contains("Microsoft.ML.OnnxRuntime.Gpu", error.Message);
    }

    [Fact]
    public void UnknownProviderIsRejected()
    {
        var error = Assert.Throws<OnnxExecutionProviderException>(
            () => OnnxSessionFactory.CreateSessionOptions(new OnnxRuntimeOptions { ExecutionProvider = "tpu" }));
        Assert.Contains("\"tpu\"", error.Message);
    }

    [Fact]
    public void CorruptModelGivesALoadErrorNamingTheFile()
    {
        using var temp = new TempDirectory();
        var path = temp.WriteFile("model.onnx", "not a protobuf");
        using var factory = new OnnxSessionFactory();

        var error = Assert.Throws<OnnxModelLoadException>(() => factory.GetSession(path));
        Assert.Contains(path, error.Message);
        Assert.Throws<FileNotFoundException>(() => factory.GetSession(Path.Combine(temp.Path, "absent.onnx")));
    }
}
