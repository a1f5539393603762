using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;
using RagSystem.Diagnostics;
using RagSystem.Onnx;
using RagSystem.Tokenization;

namespace RagSystem.Generation;

/// <summary>An <see cref="IChatClient"/> that runs a local decoder-only ONNX model with a KV cache: chat template →
/// tokens → prefill → one step per token (greedy or seeded sampling) → incremental detokenization, stopping at EOS
/// ids, stop strings, the token limit or the context window.</summary>
/// <remarks>Context policy: a prompt that leaves no room for one new token throws
/// <see cref="ContextWindowExceededException"/> (the prompt is never silently cut, because that would drop retrieved
/// evidence or the question); a reply that fills the window ends with <see cref="ChatFinishReason.Length"/>.
/// Cancellation is checked between steps and also aborts a running step (prefill included) through ONNX Runtime's
/// terminate flag; it surfaces as <see cref="OperationCanceledException"/>. Concurrent calls are safe: each call has its
/// own <see cref="DecoderSession"/> over the shared ONNX Runtime session.</remarks>
public sealed class OnnxChatClient : IChatClient
{
    private readonly DecoderModel _model;
    private readonly DecoderTokenizer _tokenizer;
    private readonly ChatTemplate _template;
    private readonly GeneratorOptions _options;
    private readonly ILogger _logger;
    private readonly HashSet<int> _stopIds;
    private readonly bool _ownsModel;

    /// <summary>Creates a client over an opened model.</summary>
    /// <param name="model">The decoder (not disposed by this client).</param>
    /// <param name="tokenizer">Its tokenizer.</param>
    /// <param name="template">Its chat template.</param>
    /// <param name="options">Generation defaults; null uses <see cref="GeneratorOptions"/> defaults.</param>
    /// <param name="logger">Optional logger.</param>
    public OnnxChatClient(DecoderModel model, DecoderTokenizer tokenizer, ChatTemplate template, GeneratorOptions? options = null, ILogger? logger = null)
        : this(model, tokenizer, template, options, logger, ownsModel: false)
    {
    }

    private OnnxChatClient(DecoderModel model, DecoderTokenizer tokenizer, ChatTemplate template, GeneratorOptions? options, ILogger? logger, bool ownsModel)
    {
        _model = model;
        _tokenizer = tokenizer;
        _template = template;
        _options = options ?? new GeneratorOptions();
        _logger = logger ?? NullLogger.Instance;
        _ownsModel = ownsModel;
        _stopIds = [.. model.Config.EosTokenIds];
        if (tokenizer.EosTokenId is { } eos) _stopIds.Add(eos);
        // Stop strings that are special tokens never appear in decoded text: stop on their ids instead.
        foreach (var stop in template.StopStrings)
            if (tokenizer.AddedTokens.TryGetValue(stop, out var id)) _stopIds.Add(id);
        Metadata = new ChatClientMetadata("onnxruntime", null, Path.GetFileName(Path.GetDirectoryName(model.ModelPath)));
    }

    /// <summary>Provider name, model id.</summary>
    public ChatClientMetadata Metadata { get; }

    /// <summary>The chat template in use.</summary>
    public ChatTemplate Template => _template;

    /// <summary>The tokenizer in use.</summary>
    public DecoderTokenizer Tokenizer => _tokenizer;

    /// <summary>Ids that end a reply (EOS ids of the configs and tokenizer, and stop strings that are single tokens).</summary>
    public IReadOnlySet<int> StopTokenIds => _stopIds;

    /// <summary>Called with every sampled token id (tests and diagnostics).</summary>
    internal Action<int>? TokenObserver { get; set; }

    /// <summary>Opens the model in <paramref name="modelDirectory"/> with its own session factory, or returns null with the
    /// reason when there is no usable model there (the product then falls back to extractive answers).</summary>
    /// <exception cref="OnnxExecutionProviderException">The execution provider cannot be used: a configuration error, not a
    /// missing model, so it is not turned into a reason.</exception>
    public static OnnxChatClient? TryCreate(string? modelDirectory, out string? reason, GeneratorOptions? options = null,
        OnnxRuntimeOptions? runtime = null, ILoggerFactory? loggerFactory = null) =>
        TryCreate(modelDirectory, out reason, options, (dir, file) => DecoderModel.Open(dir, file, runtime), loggerFactory);

    /// <summary>Like <see cref="TryCreate(string?, out string?, GeneratorOptions?, OnnxRuntimeOptions?, ILoggerFactory?)"/>
    /// through the shared <paramref name="sessions"/> factory (same execution provider as the encoder and reranker).</summary>
    /// <exception cref="OnnxExecutionProviderException">The execution provider cannot be used.</exception>
    public static OnnxChatClient? TryCreate(string? modelDirectory, out string? reason, GeneratorOptions? options,
        OnnxSessionFactory sessions, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        return TryCreate(modelDirectory, out reason, options, (dir, file) => DecoderModel.Open(dir, file, sessions), loggerFactory);
    }

    private static OnnxChatClient? TryCreate(string? modelDirectory, out string? reason, GeneratorOptions? options,
        Func<string, string?, DecoderModel> open, ILoggerFactory? loggerFactory)
    {
        options ??= new GeneratorOptions();
        if (string.IsNullOrWhiteSpace(modelDirectory) || !Directory.Exists(modelDirectory))
        {
            reason = $"no generator model folder{(string.IsNullOrWhiteSpace(modelDirectory) ? " is configured" : $" at {modelDirectory}")}; run `rag models pull` to download one.";
            return null;
        }
        if (DecoderModel.FindModelFile(modelDirectory, options.ModelFile) is null)
        {
            reason = $"{modelDirectory} holds no ONNX decoder (model.onnx or onnx/*.onnx{(options.ModelFile is null ? "" : $", or {options.ModelFile}")}).";
            return null;
        }
        if (!DecoderTokenizerLoader.HasTokenizer(modelDirectory))
        {
            reason = $"{modelDirectory} has no tokenizer (tokenizer.json, tokenizer.model or vocab.json + merges.txt).";
            return null;
        }
        DecoderModel? model = null;
        reason = null;
        try
        {
            var template = options.ChatTemplate is { } name ? ChatTemplateResolver.FromName(name) : ChatTemplateResolver.Resolve(modelDirectory, out reason);
            if (template is null) return null;
            var tokenizer = DecoderTokenizerLoader.Load(modelDirectory);
            model = open(modelDirectory, options.ModelFile);
            reason = null;
            return new OnnxChatClient(model, tokenizer, template, options, loggerFactory?.CreateLogger<OnnxChatClient>(), ownsModel: true);
        }
        catch (Exception ex) when (ex is DecoderModelException or TokenizerLoadException or InvalidDataException or ArgumentException or OnnxRuntimeException)
        {
            model?.Dispose();
            reason = ex.Message;
            return null;
        }
    }

    /// <inheritdoc />
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        await Task.Yield(); // the prefill runs off the caller's thread
        using var activity = RagTelemetry.Source.StartActivity("generation");
        var promptIds = _tokenizer.Encode(_template.Render(messages));
        var contextLength = _options.ContextLength > 0 ? Math.Min(_options.ContextLength, _model.ContextLength) : _model.ContextLength;
        if (promptIds.Count >= contextLength) throw new ContextWindowExceededException(promptIds.Count, contextLength);
        var maxNew = options?.MaxOutputTokens ?? _options.MaxNewTokens;
        if (maxNew <= 0) throw new ArgumentOutOfRangeException(nameof(options), maxNew, "MaxOutputTokens must be positive.");
        var sampler = new Sampler(options?.Temperature ?? _options.Temperature, options?.TopK ?? _options.TopK,
            options?.TopP ?? _options.TopP, (int?)options?.Seed);
        var detokenizer = new IncrementalDetokenizer(_tokenizer);
        var stops = new StopStringMatcher(_template.StopStrings.Concat(options?.StopSequences ?? []));
        var responseId = Guid.NewGuid().ToString("N");
        activity?.SetTag("gen.prompt_tokens", promptIds.Count);

        using var session = _model.CreateSession(Math.Min(contextLength, promptIds.Count + maxNew));
        using var runOptions = new RunOptions();
        session.RunOptions = runOptions;
        using var registration = cancellationToken.Register(() => runOptions.Terminate = true);
        var stopwatch = Stopwatch.StartNew();
        var token = Prefill(session, sampler, promptIds, cancellationToken);
        _logger.LogDebug("Prefilled {Tokens} prompt tokens in {Ms} ms", promptIds.Count, stopwatch.ElapsedMilliseconds);

        var generated = 0;
        ChatFinishReason finish;
        while (true)
        {
            generated++;
            TokenObserver?.Invoke(token);
            if (_stopIds.Contains(token)) { finish = ChatFinishReason.Stop; break; }
            var text = stops.Push(detokenizer.Push(token));
            if (text.Length > 0) yield return Update(text, responseId);
            if (stops.Stopped) { finish = ChatFinishReason.Stop; break; }
            if (generated >= maxNew || promptIds.Count + generated >= contextLength) { finish = ChatFinishReason.Length; break; }
            cancellationToken.ThrowIfCancellationRequested();
            token = Step(session, sampler, token, cancellationToken);
        }

        var rest = stops.Stopped ? string.Empty : stops.Push(detokenizer.Flush()) + stops.Flush();
        if (rest.Length > 0) yield return Update(rest, responseId);
        activity?.SetTag("gen.output_tokens", generated);
        _logger.LogDebug("Generated {Tokens} tokens in {Ms} ms ({Reason})", generated, stopwatch.ElapsedMilliseconds, finish.Value);
        var final = Update(null, responseId);
        final.FinishReason = finish;
        final.Contents.Add(new UsageContent(new UsageDetails
        {
            InputTokenCount = promptIds.Count,
            OutputTokenCount = generated,
            TotalTokenCount = promptIds.Count + generated,
        }));
        yield return final;
    }

    private static int Prefill(DecoderSession session, Sampler sampler, IReadOnlyList<int> promptIds, CancellationToken cancellationToken)
    {
        var prompt = promptIds is List<int> list ? System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list) : promptIds.ToArray();
        try
        {
            return sampler.Next(session.Append(prompt));
        }
        catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
        {
            // ORT aborted the run because the cancellation set the terminate flag.
            throw new OperationCanceledException(cancellationToken);
        }
    }

    private static int Step(DecoderSession session, Sampler sampler, int token, CancellationToken cancellationToken)
    {
        try
        {
            return sampler.Next(session.Append([token]));
        }
        catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
    }

    private ChatResponseUpdate Update(string? text, string responseId) => new(ChatRole.Assistant, text)
    {
        ResponseId = responseId,
        MessageId = responseId,
        ModelId = Metadata.DefaultModelId,
        CreatedAt = DateTimeOffset.UtcNow,
    };

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null) return null;
        if (serviceType == typeof(ChatClientMetadata)) return Metadata;
        // The answerer sizes its prompt with these: the model's own window and tokenizer, not guesses.
        if (serviceType == typeof(Answering.ChatModelLimits)) return new Answering.ChatModelLimits(_model.ContextLength, _options.MaxNewTokens);
        if (serviceType.IsInstanceOfType(_tokenizer)) return _tokenizer;
        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsModel) _model.Dispose();
    }
}
