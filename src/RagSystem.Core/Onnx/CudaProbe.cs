using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Microsoft.ML.OnnxRuntime;

namespace RagSystem.Onnx;

/// <summary>Finds out whether ONNX Runtime's CUDA provider loads on this machine, and turns its failure into one line
/// that names the missing library.</summary>
internal static partial class CudaProbe
{
    private const string Requirement =
        "the CUDA provider of ONNX Runtime 1.31 needs an NVIDIA driver and the CUDA 13 (cuBLAS, cuFFT, cudart) and cuDNN 9 libraries on the library path";

    /// <summary>Appends the CUDA provider to throwaway options: this loads the provider library and its CUDA dependencies.</summary>
    public static bool TryLoad(int deviceId, out string? failure)
    {
        if (!OrtEnv.Instance().GetAvailableProviders().Contains("CUDAExecutionProvider"))
        {
            failure = "this build carries the CPU-only ONNX Runtime; reference Microsoft.ML.OnnxRuntime.Gpu instead of Microsoft.ML.OnnxRuntime";
            return false;
        }
        using var probe = new SessionOptions();
        // ONNX Runtime would also print its own multi-line error for the failed load; the caller reports one line instead.
        var env = OrtEnv.Instance();
        var level = env.EnvLogLevel;
        env.EnvLogLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL;
        try
        {
            probe.AppendExecutionProvider_CUDA(deviceId);
            failure = null;
            return true;
        }
        catch (Exception ex) when (IsLoadFailure(ex))
        {
            failure = Describe(ex);
            return false;
        }
        finally
        {
            env.EnvLogLevel = level;
        }
    }

    /// <summary>ONNX Runtime often says only "Failed to load shared library" (the library it could not find goes to its
    /// log); loading the provider ourselves makes the dynamic loader name it.</summary>
    private static string? FindMissingLibrary()
    {
        var name = OperatingSystem.IsWindows() ? "onnxruntime_providers_cuda.dll" : "libonnxruntime_providers_cuda.so";
        var rid = $"{(OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux")}-{RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()}";
        var provider = new[] { Path.Combine(AppContext.BaseDirectory, name), Path.Combine(AppContext.BaseDirectory, "runtimes", rid, "native", name) }
            .FirstOrDefault(File.Exists);
        if (provider is null) return $"{name} is not beside the ONNX Runtime library (this build left the CUDA provider out)";
        try
        {
            NativeLibrary.Free(NativeLibrary.Load(provider));
            return null;
        }
        catch (DllNotFoundException ex)
        {
            var match = MissingLibrary().Match(ex.Message);
            return match.Success ? $"{match.Groups["lib"].Value} cannot be loaded" : null;
        }
    }

    /// <summary>True for the exceptions a provider that cannot load throws.</summary>
    public static bool IsLoadFailure(Exception ex) => ex is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException;

    /// <summary>The missing library when ONNX Runtime names one ("libcublasLt.so.13 cannot be loaded"), else its message's first line.</summary>
    public static string Describe(Exception ex)
    {
        if (ex is EntryPointNotFoundException)
            return "the loaded libonnxruntime has no CUDA entry point (another package's CPU-only runtime shadows the Gpu package's)";
        var match = MissingLibrary().Match(ex.Message);
        if (match.Success) return $"{match.Groups["lib"].Value} cannot be loaded";
        if (ex.Message.Contains("Failed to load shared library", StringComparison.OrdinalIgnoreCase) && FindMissingLibrary() is { } missing) return missing;
        var firstLine = ex.Message.Split('\n', 2)[0].Trim();
        return firstLine.Length > 300 ? firstLine[..300] + "…" : firstLine;
    }

    /// <summary>The one line for a required provider that failed.</summary>
    public static string FailureLine(string setting, string failure) =>
        $"{setting} but CUDA cannot be used on this machine: {failure}; {Requirement}. Set Onnx:ExecutionProvider to \"auto\" or \"cpu\" to run on the CPU.";

    // Linux: "...with error: libcublasLt.so.13: cannot open shared object file"; Windows: "...error 126 ... when trying to load "...\x.dll"".
    [GeneratedRegex(@"(?<lib>[\w.+-]+\.so(?:\.\d+)*): cannot open shared object file|load ""(?:[^""]*[\\/])?(?<lib>[\w.+-]+\.dll)""")]
    private static partial Regex MissingLibrary();
}
