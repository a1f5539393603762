using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Microsoft.ML.Tokenizers;
using RagSystem.Diagnostics;
using RagSystem.Onnx;
using RagSystem.Tokenization;

namespace RagSystem.Retrieval;

/// <summary>Reranks candidates with a BERT-family cross-encoder ONNX folder (for example ms-marco-MiniLM): each
/// <c>[CLS] query [SEP] passage [SEP]</c> pair (token types 0 then 1) gives one logit, the rerank score. The query keeps
/// up to half the token budget; the passage is cut to fit the rest. Pairs run in length-sorted batches on one reused session.</summary>
public sealed class OnnxCrossEncoderReranker : IReranker, IDisposable
{
    private readonly OnnxSessionFactory? _ownedFactory;
    private readonly InferenceSession _session;
    private readonly BertTokenizer _tokenizer;
    private readonly EncoderInputBuffers _buffers;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _outputName;
    private readonly int _batchSize;
    private readonly ILogger _logger;

    /// <summary>Loads the cross-encoder in <paramref name="modelDirectory"/>.</summary>
    /// <exception cref="ModelFolderException">The folder, its ONNX file or its tokenizer is missing or malformed.</exception>
    /// <exception cref="OnnxModelLoadException">ONNX Runtime cannot load the model, or it does not give one score per pair.</exception>
    public OnnxCrossEncoderReranker(string modelDirectory, CrossEncoderOptions? options = null, OnnxSessionFactory? sessionFactory = null,
        ILogger<OnnxCrossEncoderReranker>? logger = null)
    {
        options ??= new CrossEncoderOptions();
        if (options.BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(options), options.BatchSize, "BatchSize must be at least 1");
        _logger = logger ?? (ILogger)NullLogger.Instance;
        Folder = OnnxModelLocator.Locate(modelDirectory, options.ModelFile);
        _tokenizer = WordPieceTokenizerLoader.Load(Folder.Directory);
        var config = ModelConfig.Read(Folder);
        var settings = WordPieceTokenizerLoader.ReadSettings(Folder.Directory);
        int?[] limits = [options.MaxTokens, config.MaxPositionEmbeddings, options.MaxTokens is null ? settings.ModelMaxLength : null, 512];
        MaxTokens = limits.Where(l => l > 0).Min()!.Value;
        if (MaxTokens < 5) throw new ModelFolderException($"a token limit of {MaxTokens} leaves no room for a query and a passage");
        _batchSize = options.BatchSize;
        ModelName = config.NameOrPath is { Length: > 0 } n && !Path.IsPathRooted(n) ? n : Folder.Name;

        if (sessionFactory is null) sessionFactory = _ownedFactory = new OnnxSessionFactory();
        try
        {
            _session = sessionFactory.GetSession(Folder.ModelPath);
            _buffers = new EncoderInputBuffers(_session);
            _outputName = _session.OutputMetadata.ContainsKey("logits") ? "logits" : _session.OutputMetadata.Keys.First();
            var dims = _session.OutputMetadata[_outputName].Dimensions;
            if (dims.Length != 2 || dims[1] is not (1 or 2 or -1))
            {
                throw new OnnxModelLoadException(
                    $"'{Folder.ModelPath}' output '{_outputName}' has shape [{string.Join(", ", dims)}]; a cross-encoder gives [batch, 1] (or [batch, 2])");
            }
        }
        catch
        {
            _ownedFactory?.Dispose();
            throw;
        }
        _logger.LogInformation("Cross-encoder {Model}: max {MaxTokens} tokens per pair, file {File}", ModelName, MaxTokens, Folder.ModelPath);
    }

    /// <summary>Creates the reranker, or returns null with a reason when the folder, its ONNX file or its tokenizer is absent.</summary>
    public static OnnxCrossEncoderReranker? TryCreate(string? modelDirectory, out string? unavailableReason, CrossEncoderOptions? options = null,
        OnnxSessionFactory? sessionFactory = null, ILogger<OnnxCrossEncoderReranker>? logger = null)
    {
        if (!WordPieceTokenizerLoader.TryLocateModel(modelDirectory, options?.ModelFile, out var folder, out unavailableReason)) return null;
        return new OnnxCrossEncoderReranker(folder!.Directory, options, sessionFactory, logger);
    }

    /// <summary>The located model folder.</summary>
    public ModelFolder Folder { get; }

    /// <summary>Model name: config <c>_name_or_path</c>, else the folder name.</summary>
    public string ModelName { get; }

    /// <summary>Token limit per pair, special tokens included.</summary>
    public int MaxTokens { get; }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RetrievedChunk>> RerankAsync(string query, IReadOnlyList<RetrievedChunk> candidates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(candidates);
        if (candidates.Count == 0) return [];
        using var activity = RagTelemetry.Source.StartActivity("retrieval.rerank");
        activity?.SetTag("rerank.candidates", candidates.Count);
        activity?.SetTag("rerank.model", ModelName);

        var pairs = new (int[] Ids, int SecondSegment)[candidates.Count];
        var budget = MaxTokens - 3;
        var queryIds = _tokenizer.EncodeToIds(query, budget / 2, addSpecialTokens: false, out _, out _);
        for (var i = 0; i < candidates.Count; i++) pairs[i] = Pair(queryIds, candidates[i].Chunk.Text, budget - queryIds.Count);
        var order = Enumerable.Range(0, pairs.Length).OrderBy(i => pairs[i].Ids.Length).ToArray();
        var scores = new double[pairs.Length];

        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var runOptions = new RunOptions();
            using var registration = cancellationToken.Register(() => runOptions.Terminate = true);
            for (var start = 0; start < order.Length; start += _batchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                ScoreBatch(pairs, order.AsSpan(start, Math.Min(_batchSize, order.Length - start)), scores, runOptions, cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }

        return candidates
            .Select((c, i) => c with { Score = scores[i], RerankScore = scores[i] })
            .OrderByDescending(c => c.Score)
            .ToList();
    }

    private (int[] Ids, int SecondSegment) Pair(IReadOnlyList<int> queryIds, string passage, int passageBudget)
    {
        var passageIds = _tokenizer.EncodeToIds(passage, passageBudget, addSpecialTokens: false, out _, out _);
        var ids = new int[queryIds.Count + passageIds.Count + 3];
        ids[0] = _tokenizer.ClassificationTokenId;
        for (var i = 0; i < queryIds.Count; i++) ids[1 + i] = queryIds[i];
        ids[queryIds.Count + 1] = _tokenizer.SeparatorTokenId;
        var second = queryIds.Count + 2;
        for (var i = 0; i < passageIds.Count; i++) ids[second + i] = passageIds[i];
        ids[^1] = _tokenizer.SeparatorTokenId;
        return (ids, second);
    }

    private void ScoreBatch((int[] Ids, int SecondSegment)[] pairs, ReadOnlySpan<int> rows, double[] scores, RunOptions runOptions,
        CancellationToken cancellationToken)
    {
        _buffers.Begin(rows.Length, pairs[rows[^1]].Ids.Length);
        for (var r = 0; r < rows.Length; r++) _buffers.SetRow(r, pairs[rows[r]].Ids, _tokenizer.PaddingTokenId, pairs[rows[r]].SecondSegment);
        var inputs = _buffers.CreateInputValues();
        try
        {
            IDisposableReadOnlyCollection<OrtValue> results;
            try
            {
                results = _session.Run(runOptions, _buffers.InputNames, inputs, [_outputName]);
            }
            catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellationToken);
            }
            using (results)
            {
                var logits = results[0].GetTensorTypeAndShape().ElementDataType == TensorElementType.Float16
                    ? results[0].GetTensorDataAsSpan<Float16>().ToArray().Select(h => (float)h).ToArray()
                    : results[0].GetTensorDataAsSpan<float>();
                var labels = logits.Length / rows.Length;
                if (labels is not (1 or 2)) throw new OnnxModelLoadException($"the cross-encoder gave {labels} logits per pair; 1 or 2 are supported");
                for (var r = 0; r < rows.Length; r++)
                {
                    // Two-label heads (irrelevant, relevant): the logit margin orders pairs as the softmax would.
                    scores[rows[r]] = labels == 1 ? logits[r] : logits[r * labels + 1] - logits[r * labels];
                }
            }
        }
        finally
        {
            foreach (var input in inputs) input.Dispose();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _ownedFactory?.Dispose();
        _gate.Dispose();
    }
}
