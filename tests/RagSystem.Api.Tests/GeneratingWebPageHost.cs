using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RagSystem.Answering;
using RagSystem.Retrieval;
using RagSystem.Testing;

namespace RagSystem.Api.Tests;

/// <summary>The page's service with a generator: the real-format tiny random Llama from <c>../shared</c> (it emits many tokens),
/// its stream paced by <see cref="PacedChatClient"/> so that it can be stopped in a browser, and every error the service logs
/// kept in <see cref="Errors"/>.</summary>
public sealed class GeneratingWebPageHost : WebPageHost
{
    private static readonly string[] Llama = ["models", "tiny-random-llama-fp16"];

    /// <summary>The pause between two streamed pieces of the answer.</summary>
    public static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(40);

    /// <summary>The generator the answerer streams from, once the first question has been asked.</summary>
    public PacedChatClient? Generator { get; private set; }

    /// <summary>Errors the service logged.</summary>
    public ErrorLogCollector Errors { get; } = new();

    /// <inheritdoc />
    protected override string? MissingInput => SharedData.Find(Llama) is null ? SharedData.MissingReason(Llama) : null;

    /// <inheritdoc />
    protected override ApiTestHost CreateHost(Dictionary<string, string?> settings) => new(settings,
        models: folder => Directory.CreateSymbolicLink(Path.Combine(folder, "generator"), SharedData.Find(Llama)!),
        services: services =>
        {
            services.AddSingleton<ILoggerProvider>(Errors);
            services.AddSingleton(sp =>
            {
                var models = sp.GetRequiredService<RagModels>();
                Generator = new PacedChatClient(models.ChatClient ?? throw new InvalidOperationException("the tiny Llama did not load"), Pause);
                return new Answerer(sp.GetRequiredService<IRetriever>(), Generator, sp.GetRequiredService<RagOptions>().Answering, models.Reranker,
                    logger: sp.GetRequiredService<ILogger<Answerer>>());
            });
        });
}
