using Microsoft.ML.OnnxRuntime;
using RagSystem.Onnx;

namespace RagSystem.Generation;

/// <summary>Builds ONNX Runtime <see cref="SessionOptions"/> for a decoder from <see cref="OnnxRuntimeOptions"/>.</summary>
internal static class DecoderSessionOptionsFactory
{
    public static SessionOptions Create(OnnxRuntimeOptions runtime)
    {
        var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            InterOpNumThreads = runtime.InterOpNumThreads,
            IntraOpNumThreads = runtime.IntraOpNumThreads,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        };
        try
        {
            switch (runtime.ExecutionProvider.Trim().ToLowerInvariant())
            {
                case "cpu" or "":
                    break;
                case "cuda":
                    options.AppendExecutionProvider_CUDA(runtime.DeviceId);
                    break;
                default:
                    throw new ArgumentException(
                        $"Unknown execution provider '{runtime.ExecutionProvider}'; use 'cpu' or 'cuda'.", nameof(runtime));
            }
        }
        catch (Exception ex) when (ex is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException)
        {
            options.Dispose();
            throw new DecoderModelException(
                $"The '{runtime.ExecutionProvider}' execution provider is not available ({ex.Message}). CUDA needs the " +
                "Microsoft.ML.OnnxRuntime.Gpu package instead of Microsoft.ML.OnnxRuntime, plus CUDA and cuDNN; or set ExecutionProvider to 'cpu'.", ex);
        }
        return options;
    }
}
