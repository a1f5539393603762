using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;

namespace RagSystem.Onnx;

/// <summary>Creates one <see cref="InferenceSession"/> per model file and hands the same session out again
/// (sessions are thread-safe for <c>Run</c> and expensive to create). Disposing the factory disposes its sessions.</summary>
public sealed class OnnxSessionFactory : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<InferenceSession>> _sessions = new(StringComparer.Ordinal);
    private readonly OnnxRuntimeOptions _options;
    private readonly ILogger _logger;
    private bool _disposed;

    /// <param name="options">Threads and execution provider; defaults when null.</param>
    /// <param name="logger">Optional logger.</param>
    public OnnxSessionFactory(OnnxRuntimeOptions? options = null, ILogger<OnnxSessionFactory>? logger = null)
    {
        _options = options ?? new OnnxRuntimeOptions();
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>The session for <paramref name="modelPath"/>, created on first use.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="OnnxModelLoadException">ONNX Runtime cannot load the file.</exception>
    /// <exception cref="OnnxExecutionProviderException">The configured execution provider is not available.</exception>
    public InferenceSession GetSession(string modelPath)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var key = Path.GetFullPath(modelPath);
        var lazy = _sessions.GetOrAdd(key, k => new Lazy<InferenceSession>(() => Create(k), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return lazy.Value;
        }
        catch
        {
            // A failed load must not stick: the user may fix the file or the options and try again.
            _sessions.TryRemove(new KeyValuePair<string, Lazy<InferenceSession>>(key, lazy));
            throw;
        }
    }

    /// <summary>Builds <see cref="SessionOptions"/> from <paramref name="options"/>: graph optimisations at ALL,
    /// the requested thread counts (0 leaves ONNX Runtime's default, one thread per physical core) and execution provider.</summary>
    /// <exception cref="OnnxExecutionProviderException">CUDA was requested but this build cannot provide it, or the provider is unknown.</exception>
    public static SessionOptions CreateSessionOptions(OnnxRuntimeOptions options)
    {
        var sessionOptions = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            IntraOpNumThreads = Math.Max(0, options.IntraOpNumThreads),
            InterOpNumThreads = Math.Max(0, options.InterOpNumThreads),
        };
        try
        {
            AppendExecutionProvider(sessionOptions, options);
            return sessionOptions;
        }
        catch
        {
            sessionOptions.Dispose();
            throw;
        }
    }

    private static void AppendExecutionProvider(SessionOptions sessionOptions, OnnxRuntimeOptions options)
    {
        switch (options.ExecutionProvider.Trim().ToLowerInvariant())
        {
            case "" or "cpu":
                return;
            case "cuda":
                if (!OrtEnv.Instance().GetAvailableProviders().Contains("CUDAExecutionProvider"))
                {
                    throw new OnnxExecutionProviderException(
                        "CUDA was requested but this build carries the CPU-only ONNX Runtime; install Microsoft.ML.OnnxRuntime.Gpu " +
                        "in place of Microsoft.ML.OnnxRuntime, or set the execution provider to \"cpu\".");
                }
                try
                {
                    sessionOptions.AppendExecutionProvider_CUDA(options.DeviceId);
                }
                catch (Exception ex) when (ex is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException)
                {
                    throw new OnnxExecutionProviderException(
                        $"CUDA device {options.DeviceId} could not be used ({ex.Message}); check the CUDA and cuDNN installation and the device id.", ex);
                }
                return;
            default:
                throw new OnnxExecutionProviderException(
                    $"Unknown execution provider \"{options.ExecutionProvider}\"; use \"cpu\" or \"cuda\".");
        }
    }

    private InferenceSession Create(string modelPath)
    {
        if (!File.Exists(modelPath)) throw new FileNotFoundException($"ONNX model file not found: {modelPath}", modelPath);
        using var activity = Diagnostics.RagTelemetry.Source.StartActivity("onnx.load_session");
        activity?.SetTag("model.path", modelPath);
        using var sessionOptions = CreateSessionOptions(_options);
        try
        {
            var session = new InferenceSession(modelPath, sessionOptions);
            _logger.LogInformation("Loaded ONNX model {ModelPath} ({Provider}, intra-op threads {Threads})",
                modelPath, _options.ExecutionProvider, _options.IntraOpNumThreads == 0 ? "physical cores" : _options.IntraOpNumThreads);
            return session;
        }
        catch (OnnxRuntimeException ex)
        {
            throw new OnnxModelLoadException($"ONNX Runtime cannot load '{modelPath}': {ex.Message}", ex);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var lazy in _sessions.Values)
        {
            if (lazy.IsValueCreated) lazy.Value.Dispose();
        }
        _sessions.Clear();
    }
}
