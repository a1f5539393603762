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
    private readonly Lazy<ExecutionProviderChoice> _provider;
    private int _noticeLogged;
    private bool _disposed;

    /// <param name="options">Threads and execution provider; defaults when null.</param>
    /// <param name="logger">Optional logger.</param>
    public OnnxSessionFactory(OnnxRuntimeOptions? options = null, ILogger<OnnxSessionFactory>? logger = null)
    {
        _options = options ?? new OnnxRuntimeOptions();
        _logger = logger ?? (ILogger)NullLogger.Instance;
        var runtime = _options;
        _provider = new Lazy<ExecutionProviderChoice>(() => ExecutionProviderChoice.Resolve(runtime), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The options sessions are created with.</summary>
    public OnnxRuntimeOptions Options => _options;

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

    /// <summary>The execution provider of this factory's sessions, decided on first use (see
    /// <see cref="ExecutionProviderChoice.Resolve"/>); its <see cref="ExecutionProviderChoice.Notice"/> says what
    /// <c>auto</c> chose.</summary>
    /// <exception cref="OnnxExecutionProviderException">CUDA was required and cannot be used, or the provider is unknown.</exception>
    public ExecutionProviderChoice Provider
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var choice = _provider.Value;
            if (choice.Notice is not null && Interlocked.Exchange(ref _noticeLogged, 1) == 0) _logger.LogInformation("{Notice}", choice.Notice);
            return choice;
        }
    }

    /// <summary>Builds <see cref="SessionOptions"/> from <paramref name="options"/>: graph optimisations at ALL,
    /// the requested thread counts (0 leaves ONNX Runtime's default, one thread per physical core), thread spinning,
    /// profiling when <see cref="OnnxRuntimeOptions.ProfileFilePrefix"/> is set, and execution provider.</summary>
    /// <exception cref="OnnxExecutionProviderException">CUDA was required and cannot be used, or the provider is unknown.</exception>
    public static SessionOptions CreateSessionOptions(OnnxRuntimeOptions options) =>
        CreateSessionOptions(options, ExecutionProviderChoice.Resolve(options));

    /// <summary>Like <see cref="CreateSessionOptions(OnnxRuntimeOptions)"/> with the provider already decided.</summary>
    public static SessionOptions CreateSessionOptions(OnnxRuntimeOptions options, ExecutionProviderChoice provider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(provider);
        var sessionOptions = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            IntraOpNumThreads = Math.Max(0, options.IntraOpNumThreads),
            InterOpNumThreads = Math.Max(0, options.InterOpNumThreads),
        };
        try
        {
            sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", options.AllowSpinning ? "1" : "0");
            if (!string.IsNullOrEmpty(options.ProfileFilePrefix))
            {
                // The prefix must be set first: enabling profiling hands ONNX Runtime the prefix it holds at that moment.
                sessionOptions.ProfileOutputPathPrefix = options.ProfileFilePrefix;
                sessionOptions.EnableProfiling = true;
            }
            provider.AppendTo(sessionOptions);
            return sessionOptions;
        }
        catch
        {
            sessionOptions.Dispose();
            throw;
        }
    }

    private InferenceSession Create(string modelPath)
    {
        if (!File.Exists(modelPath)) throw new FileNotFoundException($"ONNX model file not found: {modelPath}", modelPath);
        using var activity = Diagnostics.RagTelemetry.Source.StartActivity("onnx.load_session");
        activity?.SetTag("model.path", modelPath);
        var provider = Provider;
        using var sessionOptions = CreateSessionOptions(_options, provider);
        try
        {
            var session = new InferenceSession(modelPath, sessionOptions);
            _logger.LogInformation("Loaded ONNX model {ModelPath} ({Provider}, intra-op threads {Threads})",
                modelPath, provider.Name, _options.IntraOpNumThreads == 0 ? "physical cores" : _options.IntraOpNumThreads);
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
