using Microsoft.Extensions.AI;
using OpenAI;

namespace RagSystem.Generation;

/// <summary>An OpenAI-compatible server (vLLM, Ollama, llama.cpp server, Foundry Local, or our own
/// <c>/v1/chat/completions</c>) as the answer generator, through Microsoft.Extensions.AI.OpenAI's <see cref="IChatClient"/>.
/// Adds what the local client gives the answerer: the <see cref="GeneratorOptions"/> defaults (max new tokens,
/// temperature, top-p) on calls that do not set them, and the context window (<see cref="Answering.ChatModelLimits"/>)
/// when <see cref="GeneratorOptions.ContextLength"/> states it. The server applies the model's chat template.</summary>
public sealed class EndpointChatClient : DelegatingChatClient
{
    private readonly GeneratorOptions _options;

    /// <summary>Wraps <paramref name="inner"/> (an OpenAI chat client or any other) with the generator defaults.</summary>
    public EndpointChatClient(IChatClient inner, GeneratorOptions options) : base(inner)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>Connects to <see cref="GeneratorOptions.Endpoint"/> with <see cref="GeneratorOptions.Model"/>.</summary>
    /// <exception cref="RagConfigurationException">The endpoint is not an absolute http(s) URL, or no model is named.</exception>
    public static EndpointChatClient Create(GeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var client = OpenAiClients.Create(options.Endpoint, options.ApiKey, options.Model, "Generator");
        return new EndpointChatClient(client.GetChatClient(options.Model).AsIChatClient(), options);
    }

    /// <inheritdoc />
    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetResponseAsync(messages, WithDefaults(options), cancellationToken);

    /// <inheritdoc />
    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default) =>
        base.GetStreamingResponseAsync(messages, WithDefaults(options), cancellationToken);

    /// <inheritdoc />
    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is null && serviceType == typeof(Answering.ChatModelLimits))
            return _options.ContextLength > 0 ? new Answering.ChatModelLimits(_options.ContextLength, _options.MaxNewTokens) : null;
        return base.GetService(serviceType, serviceKey);
    }

    private ChatOptions WithDefaults(ChatOptions? options)
    {
        var result = options?.Clone() ?? new ChatOptions();
        result.MaxOutputTokens ??= _options.MaxNewTokens;
        result.Temperature ??= _options.Temperature;
        if (_options.TopP < 1f) result.TopP ??= _options.TopP;
        return result;
    }
}
