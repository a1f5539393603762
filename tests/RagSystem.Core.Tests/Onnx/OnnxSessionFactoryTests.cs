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
    public void ShippedRuntimeIsTheGpuBuild_AndCudaFailureNamesTheMissingLibrary()
    {
        // The Gpu package's runtime lists the CUDA provider even where CUDA itself is absent.
        Assert.Contains("CUDAExecutionProvider", OrtEnv.Instance().GetAvailableProviders());
        if (CudaProbe.TryLoad(0, out _)) Assert.Skip("CUDA loads on this machine");

        var error = Assert.Throws<OnnxExecutionProviderException>(
            () => OnnxSessionFactory.CreateSessionOptions(new OnnxRuntimeOptions { ExecutionProvider = "cuda" }));

        // Test output leaves the CUDA provider out (Directory.Build.targets), so it is the one named here; next to the
        // shipped rag tool the provider is present and the loader names the CUDA library it lacks (libcublasLt.so.13).
        Assert.Contains("libonnxruntime_providers_cuda.so is not beside the ONNX Runtime library", error.Message.Replace("onnxruntime_providers_cuda.dll", "libonnxruntime_providers_cuda.so"));
    }

    [Theory]
    [InlineData("Failed to load library libonnxruntime_providers_cuda.so with error: libcublasLt.so.13: cannot open shared object file: No such file or directory", "libcublasLt.so.13 cannot be loaded")]
    [InlineData("Failed to load library libonnxruntime_providers_cuda.so with error: libonnxruntime_providers_cuda.so: cannot open shared object file", "libonnxruntime_providers_cuda.so cannot be loaded")]
    [InlineData("LoadLibrary failed with error 126 \"\" when trying to load \"C:\\app\\onnxruntime_providers_cuda.dll\"", "onnxruntime_providers_cuda.dll cannot be loaded")]
    [InlineData("CUDA failure 100: no CUDA-capable device is detected\nmore", "CUDA failure 100: no CUDA-capable device is detected")]
    public void CudaFailure_IsDescribedByTheLibraryItNames(string ortMessage, string expected) =>
        Assert.Equal(expected, CudaProbe.Describe(new DllNotFoundException(ortMessage)));

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
