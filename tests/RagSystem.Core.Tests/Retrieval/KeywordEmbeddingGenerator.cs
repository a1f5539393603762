using Microsoft.Extensions.AI;

namespace RagSystem.Core.Tests.Retrieval;

/// <summary>A deterministic embedding generator for tests: one dimension per keyword, set when the text contains it.
/// Records the input kinds it was asked for.</summary>
internal sealed class KeywordEmbeddingGenerator(params string[] keywords) : IEmbeddingGenerator<string, Embedding<float>>
{
    public List<string?> InputKinds { get; } = [];

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        lock (InputKinds) InputKinds.Add(options?.AdditionalProperties?.TryGetValue(RagSystem.Embeddings.EmbeddingInputKind.PropertyName, out var kind) == true ? kind as string : null);
        var embeddings = values.Select(v => new Embedding<float>(Embed(v))).ToList();
        return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(embeddings));
    }

    public float[] Embed(string text)
    {
        var v = keywords.Select(k => text.Contains(k, StringComparison.OrdinalIgnoreCase) ? 1f : 0.01f).ToArray();
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        return v.Select(x => x / norm).ToArray();
    }

    // The id StoreSamples.Chunk writes, so the stores accept this generator's queries.
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(EmbeddingGeneratorMetadata) ? new EmbeddingGeneratorMetadata("test", null, "test-model", keywords.Length) : null;

    public void Dispose()
    {
    }
}
