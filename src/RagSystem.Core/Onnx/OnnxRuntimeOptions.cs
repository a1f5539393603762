namespace RagSystem.Onnx;

/// <summary>How ONNX Runtime sessions are created. Shared by the encoder, decoder and reranker.</summary>
public sealed class OnnxRuntimeOptions
{
    /// <summary>Threads inside one operator. Default 0: the number of physical cores (ORT's own choice).</summary>
    public int IntraOpNumThreads { get; set; }

    /// <summary>Threads across operators. Default 1: these graphs are sequential.</summary>
    public int InterOpNumThreads { get; set; } = 1;

    /// <summary>Whether idle intra-op threads spin-wait for work between operators. Default false: they sleep.
    /// Spinning saves microseconds per operator on an idle machine, but when cores are shared (other processes, or
    /// several models at once) spinning threads steal the cores the working ones need; the GenAI benchmark measured decode
    /// steps about 1.7× slower with spinning on a busy 2-core machine (docs/performance.md).</summary>
    public bool AllowSpinning { get; set; }

    /// <summary>Execution provider: <c>cpu</c> (default), <c>cuda</c> (fails with one line naming the missing CUDA 13 /
    /// cuDNN 9 library when CUDA cannot be loaded) or <c>auto</c> (CUDA when it loads, else the CPU, with a notice saying
    /// which). The shipped build carries Microsoft.ML.OnnxRuntime.Gpu, which runs on the CPU wherever CUDA is absent.</summary>
    public string ExecutionProvider { get; set; } = "cpu";

    /// <summary>GPU ordinal for CUDA. Default 0.</summary>
    public int DeviceId { get; set; }

    /// <summary>When set, ONNX Runtime profiles every run of every session and writes a Chrome-trace JSON file per
    /// session whose name starts with this path prefix (written when the session is disposed). Default null: off.
    /// Profiling slows each run; use it to see where a step's time goes, not in production.</summary>
    public string? ProfileFilePrefix { get; set; }
}
