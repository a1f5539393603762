using Microsoft.Extensions.AI;

namespace RagSystem.IntegrationTests.Storage;

/// <summary>Embeds every query as the same given vector, under <see cref="ContractData.Model"/>.</summary>
internal sealed class FixedEmbeddingGenerator(float[] vector) : IEmbeddingGenerator<string, Embedding<float>>
{
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(values.Select(_ => new Embedding<float>(vector.ToArray()))));

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(EmbeddingGeneratorMetadata) ? new EmbeddingGeneratorMetadata("test", null, ContractData.Model, vector.Length) : null;

    public void Dispose()
    {
    }
}
