using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using RagSystem.Onnx;

namespace RagSystem.Generation;

/// <summary>Opens the answer generator the configuration asks for: an OpenAI-compatible server when
/// <see cref="GeneratorOptions.Endpoint"/> is set, else the local ONNX decoder in <see cref="RagOptions.GeneratorModelDirectory"/>
/// through the shared session factory.</summary>
public static class ChatClientFactory
{
    /// <summary>Creates the generator, or returns null when there is none (answers are then extractive).</summary>
    /// <param name="options">The whole configuration.</param>
    /// <param name="sessions">The session factory the encoder and reranker use, so all run on one execution provider.</param>
    /// <param name="loggerFactory">Logging.</param>
    /// <param name="notice">One line for the user: why there is no generator, or which provider <c>auto</c> chose; null when there is nothing to say.</param>
    /// <exception cref="OnnxExecutionProviderException">The configured execution provider cannot be used.</exception>
    /// <exception cref="RagConfigurationException">The endpoint settings are incomplete or malformed.</exception>
    public static IChatClient? TryCreate(RagOptions options, OnnxSessionFactory sessions, ILoggerFactory loggerFactory, out string? notice)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sessions);
        if (!string.IsNullOrWhiteSpace(options.Generator.Endpoint))
        {
            notice = null;
            return EndpointChatClient.Create(options.Generator);
        }
        var directory = options.GeneratorModelDirectory;
        var client = OnnxChatClient.TryCreate(directory, out var why, options.Generator, sessions, loggerFactory);
        if (client is not null)
        {
            notice = sessions.Provider.Notice;
            return client;
        }
        notice = Directory.Exists(directory)
            ? $"the generator model in {directory} is not usable ({why?.TrimEnd('.')}): answers are extractive"
            : $"no generator model in {directory}: answers are extractive; run `rag models pull qwen2.5-0.5b-instruct` for generated answers";
        return null;
    }
}
