using Microsoft.Extensions.AI;
using OpenAI;
using RagSystem.Generation;

namespace RagSystem.Embeddings;

/// <summary>Embeddings from an OpenAI-compatible <c>/embeddings</c> server (<see cref="EmbeddingModelOptions.Endpoint"/>),
/// through Microsoft.Extensions.AI.OpenAI's generator, with the configured query/passage prefixes put before each text
/// as the local model would (a query is marked by <see cref="EmbeddingInputKind"/> in the call's additional properties).</summary>
public sealed class EndpointEmbeddingGenerator : DelegatingEmbeddingGenerator<string, Embedding<float>>
{
    private readonly string _queryPrefix;
    private readonly string _passagePrefix;

    /// <summary>Wraps <paramref name="inner"/> with the prefixes of <paramref name="options"/>.</summary>
    public EndpointEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner, EmbeddingModelOptions options) : base(inner)
    {
        ArgumentNullException.ThrowIfNull(options);
        _queryPrefix = options.QueryPrefix ?? "";
        _passagePrefix = options.PassagePrefix ?? "";
    }

    /// <summary>Connects to <see cref="EmbeddingModelOptions.Endpoint"/> with <see cref="EmbeddingModelOptions.Model"/>.</summary>
    /// <exception cref="RagConfigurationException">The endpoint is not an absolute http(s) URL, or no model is named.</exception>
    public static EndpointEmbeddingGenerator Create(EmbeddingModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var client = OpenAiClients.Create(options.Endpoint, options.ApiKey, options.Model, "Embedding");
        return new EndpointEmbeddingGenerator(client.GetEmbeddingClient(options.Model).AsIEmbeddingGenerator(), options);
    }

    /// <inheritdoc />
    public override Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var isQuery = options?.AdditionalProperties?.TryGetValue(EmbeddingInputKind.PropertyName, out var kind) == true
            && string.Equals(kind?.ToString(), EmbeddingInputKind.Query, StringComparison.OrdinalIgnoreCase);
        var prefix = isQuery ? _queryPrefix : _passagePrefix;
        var texts = prefix.Length == 0 ? values : values.Select(v => prefix + v);
        return base.GenerateAsync(texts, options, cancellationToken);
    }
}
