using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using RagSystem.Onnx;

namespace RagSystem.Generation;

/// <summary>A decoder-only ONNX model in the layout Optimum, onnx-community and ONNX Runtime GenAI exports share
/// (<c>input_ids</c>, <c>attention_mask</c>, optional <c>position_ids</c>, <c>past_key_values.N.key/value</c> →
/// <c>logits</c>, <c>present.N.key/value</c>). One session per model, shared by every <see cref="DecoderSession"/>.</summary>
public sealed class DecoderModel : IDisposable
{
    private const int FallbackContextLength = 4096;

    private OnnxSessionFactory? _ownedSessions;

    private DecoderModel(InferenceSession session, string modelPath, DecoderModelConfig config, ExecutionProviderChoice provider)
    {
        Session = session;
        Provider = provider;
        if (provider.UsesCuda)
        {
            DeviceMemory = new OrtMemoryInfo("Cuda", OrtAllocatorType.DeviceAllocator, provider.DeviceId, OrtMemType.Default);
            DeviceAllocator = new OrtAllocator(session, DeviceMemory);
        }
        else
        {
            DeviceMemory = OrtMemoryInfo.DefaultInstance;
            DeviceAllocator = OrtAllocator.DefaultInstance;
        }
        ModelPath = modelPath;
        Config = config;
        var inputs = session.InputMetadata;
        foreach (var required in new[] { "input_ids", "attention_mask" })
            if (!inputs.ContainsKey(required))
                throw new DecoderModelException($"{modelPath} has no '{required}' input; it is not a decoder export we support.");
        if (!session.OutputMetadata.TryGetValue("logits", out var logits))
            throw new DecoderModelException($"{modelPath} has no 'logits' output.");
        HasPositionIds = inputs.ContainsKey("position_ids");

        var layers = 0;
        while (inputs.ContainsKey(Format(config.PastKeyFormat, layers))) layers++;
        if (layers == 0)
            throw new DecoderModelException($"{modelPath} has no '{Format(config.PastKeyFormat, 0)}' input: it was exported without a KV cache (export with past key values, e.g. Optimum's text-generation-with-past).");
        if (config.NumLayers is { } n && n != layers)
            throw new DecoderModelException($"The config says {n} layers but {modelPath} has past inputs for {layers}.");
        NumLayers = layers;

        var past = inputs[Format(config.PastKeyFormat, 0)];
        KvHeads = CrossCheck(past.Dimensions, 1, config.NumKeyValueHeads, "num_key_value_heads");
        HeadDim = CrossCheck(past.Dimensions, 3, config.HeadDim, "head_dim");
        KvType = past.ElementDataType;
        LogitsType = logits.ElementDataType;
        if (KvType is not (TensorElementType.Float or TensorElementType.Float16) || LogitsType is not (TensorElementType.Float or TensorElementType.Float16))
            throw new DecoderModelException($"{modelPath} uses {KvType} KV cache / {LogitsType} logits; only float32 and float16 are supported.");
        VocabSize = logits.Dimensions.Length == 3 && logits.Dimensions[2] > 0 ? logits.Dimensions[2] : config.VocabSize ?? 0;
        if (VocabSize <= 0)
            throw new DecoderModelException($"{modelPath} does not state its vocabulary size; add vocab_size to config.json.");
        if (config.VocabSize is { } v && v != VocabSize)
            throw new DecoderModelException($"config.json says vocab_size {v} but {modelPath} produces {VocabSize} logits.");
        ContextLength = config.ContextLength ?? FallbackContextLength;

        PastNames = new string[layers * 2];
        PresentNames = new string[layers * 2];
        for (var i = 0; i < layers; i++)
        {
            PastNames[2 * i] = Format(config.PastKeyFormat, i);
            PastNames[2 * i + 1] = Format(config.PastValueFormat, i);
            PresentNames[2 * i] = Format(config.PresentKeyFormat, i);
            PresentNames[2 * i + 1] = Format(config.PresentValueFormat, i);
            if (!session.OutputMetadata.ContainsKey(PresentNames[2 * i]))
                throw new DecoderModelException($"{modelPath} has no '{PresentNames[2 * i]}' output.");
        }
        // One sequence's worth: two KV sets (separate past/present) and its two logits buffers (one row, prefill).
        Buffers = new DeviceBufferPool(DeviceAllocator, 2 * PastNames.Length + 2);
    }

    /// <summary>The ONNX Runtime session.</summary>
    public InferenceSession Session { get; }

    /// <summary>The execution provider the session runs on.</summary>
    public ExecutionProviderChoice Provider { get; }

    /// <summary>Where the KV cache and logits live: the CUDA device's memory, or host memory on the CPU provider.</summary>
    public OrtMemoryInfo DeviceMemory { get; }

    /// <summary>True when <see cref="DeviceMemory"/> is host memory, so results can be read in place.</summary>
    public bool RunsOnHost => !Provider.UsesCuda;

    internal OrtAllocator DeviceAllocator { get; }

    /// <summary>KV and logits buffers of finished sequences, reused by the next (see <see cref="DeviceBufferPool"/>).</summary>
    internal DeviceBufferPool Buffers { get; }

    /// <summary>The ONNX file.</summary>
    public string ModelPath { get; }

    /// <summary>The configs as read.</summary>
    public DecoderModelConfig Config { get; }

    /// <summary>Layers.</summary>
    public int NumLayers { get; }

    /// <summary>Key/value heads.</summary>
    public int KvHeads { get; }

    /// <summary>Head size.</summary>
    public int HeadDim { get; }

    /// <summary>Logits width.</summary>
    public int VocabSize { get; }

    /// <summary>Context window from the config (4096 when no config states it).</summary>
    public int ContextLength { get; }

    /// <summary>Whether the graph takes <c>position_ids</c>.</summary>
    public bool HasPositionIds { get; }

    /// <summary>Whether each sequence's cache is one max-length buffer per tensor, bound as both past and present (see
    /// <see cref="DecoderModelConfig.PastPresentShareBuffer"/>); otherwise two buffers per tensor are used in turn.</summary>
    public bool SharesPastPresentBuffer => Config.PastPresentShareBuffer;

    /// <summary>Element type of the KV cache (float or float16).</summary>
    public TensorElementType KvType { get; }

    /// <summary>Element type of the logits (float or float16).</summary>
    public TensorElementType LogitsType { get; }

    internal string[] PastNames { get; }

    internal string[] PresentNames { get; }

    /// <summary>Opens the model in <paramref name="modelDirectory"/> with its own session factory (disposed with the model).</summary>
    /// <param name="modelDirectory">The model folder.</param>
    /// <param name="modelFile">Relative ONNX file to use; null picks one (see <see cref="GeneratorOptions.ModelFile"/>).</param>
    /// <param name="runtime">Session settings; null uses the defaults (CPU).</param>
    /// <exception cref="DecoderModelException">The folder holds no usable decoder.</exception>
    /// <exception cref="OnnxExecutionProviderException">The configured execution provider is not available.</exception>
    public static DecoderModel Open(string modelDirectory, string? modelFile = null, OnnxRuntimeOptions? runtime = null)
    {
        var sessions = new OnnxSessionFactory(runtime);
        try
        {
            var model = Open(modelDirectory, modelFile, sessions);
            model._ownedSessions = sessions;
            return model;
        }
        catch
        {
            sessions.Dispose();
            throw;
        }
    }

    /// <summary>Opens the model in <paramref name="modelDirectory"/> through the shared <paramref name="sessions"/>
    /// factory, so it runs on the same execution provider as the encoder and reranker. The factory owns the session.</summary>
    /// <exception cref="DecoderModelException">The folder holds no usable decoder.</exception>
    /// <exception cref="OnnxExecutionProviderException">The configured execution provider is not available.</exception>
    public static DecoderModel Open(string modelDirectory, string? modelFile, OnnxSessionFactory sessions)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        var config = DecoderModelConfig.Load(modelDirectory);
        var path = FindModelFile(modelDirectory, modelFile ?? config.GenAiFileName)
            ?? throw new DecoderModelException($"No ONNX decoder in {modelDirectory}: expected model.onnx at the top or under onnx/.");
        var provider = sessions.Provider;
        InferenceSession session;
        try
        {
            session = sessions.GetSession(path);
        }
        catch (OnnxModelLoadException ex)
        {
            throw new DecoderModelException(ex.Message, ex);
        }
        return new DecoderModel(session, path, config, provider);
    }

    /// <summary>Starts an empty KV cache for one sequence of at most <paramref name="maxLength"/> tokens.</summary>
    public DecoderSession CreateSession(int maxLength) => new(this, Math.Min(maxLength, ContextLength));

    /// <summary>Finds the ONNX file: <paramref name="preferred"/> if given, else the usual places; null when none.</summary>
    public static string? FindModelFile(string modelDirectory, string? preferred = null)
    {
        if (preferred is not null)
        {
            var p = Path.Combine(modelDirectory, preferred);
            if (File.Exists(p)) return p;
            var underOnnx = Path.Combine(modelDirectory, "onnx", preferred);
            return File.Exists(underOnnx) ? underOnnx : null;
        }
        foreach (var candidate in new[] { "model.onnx", "onnx/model.onnx", "onnx/model_fp16.onnx", "onnx/model_q4f16.onnx", "onnx/model_q4.onnx", "onnx/model_int8.onnx", "onnx/model_quantized.onnx" })
        {
            var p = Path.Combine(modelDirectory, candidate);
            if (File.Exists(p)) return p;
        }
        var onnxDir = Path.Combine(modelDirectory, "onnx");
        return Directory.Exists(onnxDir) ? Directory.EnumerateFiles(onnxDir, "*.onnx").Order(StringComparer.Ordinal).FirstOrDefault() : null;
    }

    private int CrossCheck(int[] dims, int axis, int? configured, string name)
    {
        var fromGraph = dims.Length == 4 && dims[axis] > 0 ? dims[axis] : (int?)null;
        if (fromGraph is { } g && configured is { } c && g != c)
            throw new DecoderModelException($"The config says {name} = {c} but {ModelPath} has {g} in its past key/value inputs.");
        return fromGraph ?? configured
            ?? throw new DecoderModelException($"{ModelPath} does not fix {name} and no config.json/genai_config.json states it.");
    }

    private static string Format(string pattern, int layer) =>
        pattern.Replace("%d", layer.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    /// <summary>Disposes the session when this model opened its own factory; a shared factory disposes its sessions itself.</summary>
    public void Dispose()
    {
        Buffers.Dispose();
        if (Provider.UsesCuda)
        {
            DeviceAllocator.Dispose();
            DeviceMemory.Dispose();
        }
        _ownedSessions?.Dispose();
    }
}
