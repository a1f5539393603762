using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Microsoft.ML.Tokenizers;
using RagSystem.Chunking;
using RagSystem.Diagnostics;
using RagSystem.Onnx;
using RagSystem.Tokenization;

namespace RagSystem.Embeddings;

/// <summary>Sentence embeddings from a BERT-family ONNX encoder folder (MiniLM, bge, e5 exports): WordPiece tokenization,
/// batches sorted by length so padding is minimal, one reused session over pinned input buffers, mean or CLS pooling and
/// unit-length vectors as the model's files say (see <see cref="EmbeddingModelProfile"/>). Results come back in input order.
/// Pass <see cref="EmbeddingInputKind.Query"/> under <see cref="EmbeddingInputKind.PropertyName"/> in
/// <see cref="EmbeddingGenerationOptions.AdditionalProperties"/> to embed queries (prefix models such as bge and e5 need it).
/// <para>Queries have their own lane: a call marked <see cref="EmbeddingInputKind.Query"/> runs on a second set of buffers,
/// concurrently with whatever bulk call (an ingestion batch) holds the other lane, so a question never queues behind
/// ingestion. Calls within one lane run one at a time.</para></summary>
public sealed class OnnxEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly OnnxSessionFactory? _ownedFactory;
    private readonly InferenceSession _session;
    private readonly BertTokenizer _tokenizer;
    private readonly EncoderLane _bulkLane;
    private readonly EncoderLane _queryLane;
    private readonly string _outputName;
    private readonly bool _outputIsPooled;
    private readonly int _batchSize;
    private readonly ILogger _logger;

    /// <summary>Loads the model in <paramref name="modelDirectory"/>.</summary>
    /// <param name="modelDirectory">A Hugging Face / Optimum model folder.</param>
    /// <param name="options">Model settings; defaults come from the folder.</param>
    /// <param name="sessionFactory">Shared session factory; when null the generator owns one with default runtime options.</param>
    /// <param name="logger">Optional logger.</param>
    /// <exception cref="ModelFolderException">The folder, its ONNX file or its tokenizer is missing or malformed.</exception>
    /// <exception cref="OnnxModelLoadException">ONNX Runtime cannot load the model, or its inputs/outputs are not an encoder's.</exception>
    public OnnxEmbeddingGenerator(string modelDirectory, EmbeddingModelOptions? options = null, OnnxSessionFactory? sessionFactory = null,
        ILogger<OnnxEmbeddingGenerator>? logger = null)
    {
        options ??= new EmbeddingModelOptions();
        if (options.BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(options), options.BatchSize, "BatchSize must be at least 1");
        _logger = logger ?? (ILogger)NullLogger.Instance;
        Folder = OnnxModelLocator.Locate(modelDirectory, options.ModelFile);
        if (!WordPieceTokenizerLoader.CanLoad(Folder.Directory))
        {
            throw new ModelFolderException($"the model folder '{Folder.Directory}' has no WordPiece tokenizer (vocab.txt or tokenizer.json)");
        }
        var config = ModelConfig.Read(Folder);
        var tokenizerSettings = WordPieceTokenizerLoader.ReadSettings(Folder.Directory);
        Profile = EmbeddingModelProfile.Read(Folder, config, tokenizerSettings, options);
        _tokenizer = WordPieceTokenizerLoader.Load(Folder.Directory);
        TokenCounter = new ModelTokenCounter(_tokenizer, Profile.Name);
        _batchSize = options.BatchSize;

        if (sessionFactory is null) sessionFactory = _ownedFactory = new OnnxSessionFactory();
        try
        {
            _session = sessionFactory.GetSession(Folder.ModelPath);
            _bulkLane = new EncoderLane(new EncoderInputBuffers(_session));
            _queryLane = new EncoderLane(new EncoderInputBuffers(_session));
            (_outputName, _outputIsPooled) = SelectOutput(_session);
            var declared = _session.OutputMetadata[_outputName].Dimensions[^1];
            Dimensions = declared > 0 ? declared : config.HiddenSize
                ?? throw new OnnxModelLoadException($"cannot tell the embedding size of '{Folder.ModelPath}': its output has no fixed last dimension and config.json no hidden_size");
        }
        catch
        {
            _ownedFactory?.Dispose();
            throw;
        }
        Metadata = new EmbeddingGeneratorMetadata("onnx", null, Profile.Name, Dimensions);
        _logger.LogInformation("Embedding model {Model}: {Dimensions} dims, {Pooling} pooling, normalize {Normalize}, max {MaxTokens} tokens, file {File}",
            Profile.Name, Dimensions, Profile.Pooling, Profile.Normalize, Profile.MaxTokens, Folder.ModelPath);
    }

    /// <summary>Creates the generator, or returns null with a reason when the folder, its ONNX file or its tokenizer is absent
    /// (the product then runs lexical-only). A model that is present but broken still throws.</summary>
    public static OnnxEmbeddingGenerator? TryCreate(string? modelDirectory, out string? unavailableReason, EmbeddingModelOptions? options = null,
        OnnxSessionFactory? sessionFactory = null, ILogger<OnnxEmbeddingGenerator>? logger = null)
    {
        if (!WordPieceTokenizerLoader.TryLocateModel(modelDirectory, options?.ModelFile, out var folder, out unavailableReason)) return null;
        return new OnnxEmbeddingGenerator(folder!.Directory, options, sessionFactory, logger);
    }

    /// <summary>The located model folder.</summary>
    public ModelFolder Folder { get; }

    /// <summary>Pooling, normalisation, prefixes and token limit in use.</summary>
    public EmbeddingModelProfile Profile { get; }

    /// <summary>Vector length.</summary>
    public int Dimensions { get; }

    /// <summary>Counts tokens with this model's tokenizer, for the chunker's budget.</summary>
    public ITokenCounter TokenCounter { get; }

    /// <summary>Provider <c>onnx</c>, the model name and its dimensions.</summary>
    public EmbeddingGeneratorMetadata Metadata { get; }

    /// <inheritdoc />
    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var texts = values as IReadOnlyList<string> ?? values.ToList();
        var isQuery = options?.AdditionalProperties?.TryGetValue(EmbeddingInputKind.PropertyName, out var kind) == true
            && string.Equals(kind?.ToString(), EmbeddingInputKind.Query, StringComparison.OrdinalIgnoreCase);
        using var activity = RagTelemetry.Source.StartActivity("embeddings.generate");
        activity?.SetTag("embeddings.count", texts.Count);
        activity?.SetTag("embeddings.model", Profile.Name);

        var tokens = new int[texts.Count][];
        for (var i = 0; i < texts.Count; i++) tokens[i] = Tokenize(texts[i], isQuery ? Profile.QueryPrefix : Profile.PassagePrefix);
        // Sorting by length keeps each batch's padding minimal; the stable sort keeps results reproducible.
        var order = Enumerable.Range(0, texts.Count).OrderBy(i => tokens[i].Length).ToArray();
        var vectors = new float[texts.Count][];

        var lane = isQuery ? _queryLane : _bulkLane;
        activity?.SetTag("embeddings.lane", isQuery ? "query" : "bulk");
        await lane.Gate.WaitAsync(cancellationToken);
        try
        {
            using var runOptions = new RunOptions();
            using var registration = cancellationToken.Register(() => runOptions.Terminate = true);
            for (var start = 0; start < order.Length; start += _batchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                RunBatch(lane, tokens, order.AsSpan(start, Math.Min(_batchSize, order.Length - start)), vectors, runOptions, cancellationToken);
            }
        }
        finally
        {
            lane.Gate.Release();
        }

        var totalTokens = tokens.Sum(t => (long)t.Length);
        activity?.SetTag("embeddings.tokens", totalTokens);
        var created = DateTimeOffset.UtcNow;
        return new GeneratedEmbeddings<Embedding<float>>(vectors.Select(v => new Embedding<float>(v) { ModelId = Profile.Name, CreatedAt = created }))
        {
            Usage = new UsageDetails { InputTokenCount = totalTokens, TotalTokenCount = totalTokens },
        };
    }

    private int[] Tokenize(string text, string prefix)
    {
        var body = _tokenizer.EncodeToIds(prefix.Length == 0 ? text : prefix + text, Profile.MaxTokens - 2, addSpecialTokens: false, out _, out _);
        var ids = new int[body.Count + 2];
        ids[0] = _tokenizer.ClassificationTokenId;
        for (var i = 0; i < body.Count; i++) ids[i + 1] = body[i];
        ids[^1] = _tokenizer.SeparatorTokenId;
        return ids;
    }

    /// <summary>True while a bulk (passage) call holds its lane; tests use it to issue a query during a batch.</summary>
    internal bool IsBulkLaneBusy => _bulkLane.IsBusy;

    private void RunBatch(EncoderLane lane, int[][] tokens, ReadOnlySpan<int> rows, float[][] vectors, RunOptions runOptions, CancellationToken cancellationToken)
    {
        var sequenceLength = tokens[rows[^1]].Length;
        var buffers = lane.Buffers;
        buffers.Begin(rows.Length, sequenceLength);
        for (var r = 0; r < rows.Length; r++) buffers.SetRow(r, tokens[rows[r]], _tokenizer.PaddingTokenId);
        var inputs = buffers.CreateInputValues();
        try
        {
            using var results = RunSession(buffers, inputs, runOptions, cancellationToken);
            var output = results[0];
            var isHalf = output.GetTensorTypeAndShape().ElementDataType == TensorElementType.Float16;
            var rowStride = _outputIsPooled ? Dimensions : sequenceLength * Dimensions;
            if (isHalf && lane.Scratch.Length < rowStride) lane.Scratch = new float[rowStride];
            for (var r = 0; r < rows.Length; r++)
            {
                var vector = new float[Dimensions];
                var length = _outputIsPooled ? 1 : tokens[rows[r]].Length;
                var pooling = _outputIsPooled ? EmbeddingPooling.Cls : Profile.Pooling;
                if (isHalf)
                {
                    var half = EmbeddingPooler.AsHalf(output.GetTensorDataAsSpan<Float16>()).Slice(r * rowStride, rowStride);
                    EmbeddingPooler.Pool(half, length, pooling, vector, lane.Scratch);
                }
                else
                {
                    EmbeddingPooler.Pool(output.GetTensorDataAsSpan<float>().Slice(r * rowStride, rowStride), length, pooling, vector);
                }
                if (Profile.Normalize) EmbeddingPooler.Normalize(vector);
                vectors[rows[r]] = vector;
            }
        }
        finally
        {
            foreach (var input in inputs) input.Dispose();
        }
    }

    private IDisposableReadOnlyCollection<OrtValue> RunSession(EncoderInputBuffers buffers, OrtValue[] inputs, RunOptions runOptions, CancellationToken cancellationToken)
    {
        try
        {
            return _session.Run(runOptions, buffers.InputNames, inputs, [_outputName]);
        }
        catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
    }

    private static (string Name, bool IsPooled) SelectOutput(InferenceSession session)
    {
        var outputs = session.OutputMetadata;
        var name = new[] { "last_hidden_state", "token_embeddings", "sentence_embedding" }.FirstOrDefault(outputs.ContainsKey)
            ?? outputs.FirstOrDefault(o => o.Value.Dimensions.Length is 2 or 3).Key
            ?? throw new OnnxModelLoadException("the model has no [batch, seq, dim] or [batch, dim] output to take embeddings from");
        var metadata = outputs[name];
        if (metadata.ElementDataType is not (TensorElementType.Float or TensorElementType.Float16))
        {
            throw new OnnxModelLoadException($"the embedding output '{name}' is {metadata.ElementDataType}; float or float16 is needed");
        }
        return (name, metadata.Dimensions.Length == 2);
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null) return null;
        if (serviceType == typeof(EmbeddingGeneratorMetadata)) return Metadata;
        if (serviceType == typeof(ITokenCounter)) return TokenCounter;
        if (serviceType == typeof(EmbeddingModelProfile)) return Profile;
        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _ownedFactory?.Dispose();
        _bulkLane.Dispose();
        _queryLane.Dispose();
    }
}
