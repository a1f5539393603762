using Microsoft.ML.OnnxRuntime;

namespace RagSystem.Onnx;

/// <summary>The execution provider every session of one <see cref="OnnxSessionFactory"/> runs on, decided once from
/// <see cref="OnnxRuntimeOptions.ExecutionProvider"/>, so the encoder, the reranker and the decoder agree.</summary>
/// <param name="UsesCuda">True when sessions get the CUDA provider (the CPU provider stays as the fallback for unsupported ops).</param>
/// <param name="DeviceId">The CUDA device ordinal.</param>
/// <param name="Notice">For <c>auto</c>: one line saying which provider was chosen and why; null otherwise.</param>
public sealed record ExecutionProviderChoice(bool UsesCuda, int DeviceId, string? Notice)
{
    /// <summary>The CPU provider, without a notice.</summary>
    public static ExecutionProviderChoice Cpu { get; } = new(false, 0, null);

    /// <summary>Short name for logs: <c>cuda:0</c> or <c>cpu</c>.</summary>
    public string Name => UsesCuda ? $"cuda:{DeviceId}" : "cpu";

    /// <summary>Decides the provider: <c>cpu</c>; <c>cuda</c>, which throws when CUDA cannot be loaded; <c>auto</c>,
    /// which takes CUDA when it loads and the CPU otherwise.</summary>
    /// <exception cref="OnnxExecutionProviderException">CUDA was required and cannot be used, or the name is unknown.</exception>
    public static ExecutionProviderChoice Resolve(OnnxRuntimeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        switch (options.ExecutionProvider.Trim().ToLowerInvariant())
        {
            case "" or "cpu":
                return Cpu;
            case "cuda":
                if (CudaProbe.TryLoad(options.DeviceId, out var missing)) return new(true, options.DeviceId, null);
                throw new OnnxExecutionProviderException(CudaProbe.FailureLine("Onnx:ExecutionProvider is \"cuda\"", missing!));
            case "auto":
                return CudaProbe.TryLoad(options.DeviceId, out var why)
                    ? new(true, options.DeviceId, $"Onnx:ExecutionProvider=auto: running on CUDA device {options.DeviceId}")
                    : new(false, 0, $"Onnx:ExecutionProvider=auto: CUDA is not usable ({why}); running on the CPU");
            default:
                throw new OnnxExecutionProviderException(
                    $"Unknown execution provider \"{options.ExecutionProvider}\" in Onnx:ExecutionProvider; use \"cpu\", \"cuda\" or \"auto\".");
        }
    }

    /// <summary>Adds this provider to <paramref name="sessionOptions"/>.</summary>
    /// <exception cref="OnnxExecutionProviderException">CUDA stopped loading since it was probed.</exception>
    public void AppendTo(SessionOptions sessionOptions)
    {
        ArgumentNullException.ThrowIfNull(sessionOptions);
        if (!UsesCuda) return;
        try
        {
            sessionOptions.AppendExecutionProvider_CUDA(DeviceId);
        }
        catch (Exception ex) when (CudaProbe.IsLoadFailure(ex))
        {
            throw new OnnxExecutionProviderException(CudaProbe.FailureLine("Onnx:ExecutionProvider is \"cuda\"", CudaProbe.Describe(ex)), ex);
        }
    }
}
