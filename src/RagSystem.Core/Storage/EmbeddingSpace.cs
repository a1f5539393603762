using Microsoft.Extensions.AI;

namespace RagSystem.Storage;

/// <summary>The embedding model a store's vectors come from, and their length. Fixed when the store (or Qdrant
/// collection) first receives vectors; vectors or queries from another model are refused.</summary>
/// <param name="Model">The embedding model's id (<c>EmbeddingGeneratorMetadata.DefaultModelId</c>).</param>
/// <param name="Dimensions">The vector length.</param>
public sealed record EmbeddingSpace(string Model, int Dimensions)
{
    /// <summary>The model id ingestion records for <paramref name="generator"/>'s vectors (and queries must match): the
    /// generator's <see cref="EmbeddingGeneratorMetadata.DefaultModelId"/>, else its type name.</summary>
    public static string ModelIdOf(IEmbeddingGenerator<string, Embedding<float>> generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        return generator.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId ?? generator.GetType().Name;
    }

    /// <summary>The error for a model or vector that does not belong to <paramref name="stored"/>.</summary>
    public static RagException Mismatch(EmbeddingSpace stored, string? model, int dimensions, string location) =>
        new(RagErrorKind.Conflict,
            $"{location} was built with the embedding model '{stored.Model}' ({stored.Dimensions} dimensions), not " +
            $"'{model ?? "(unnamed)"}' ({dimensions} dimensions); use the same model, or ingest into a new store (another --data folder or Store:Qdrant:Collection).");

    /// <summary>Whether a vector of <paramref name="dimensions"/> from <paramref name="model"/> fits; an unnamed model on either side (a store
    /// written before model ids were kept) is checked by length only.</summary>
    public bool Accepts(string? model, int dimensions) =>
        dimensions == Dimensions && (model is null || Model.Length == 0 || string.Equals(model, Model, StringComparison.Ordinal));

    /// <summary>The space the chunks' vectors imply, or null when none carries a vector; mixed chunks are refused.</summary>
    public static EmbeddingSpace? FromChunks(IReadOnlyList<ChunkRecord> chunks)
    {
        EmbeddingSpace? space = null;
        foreach (var chunk in chunks)
        {
            if (chunk.Vector is null) continue;
            if (space is null) space = new EmbeddingSpace(chunk.EmbeddingModel ?? "", chunk.Vector.Length);
            else if (!space.Accepts(chunk.EmbeddingModel, chunk.Vector.Length))
            {
                throw new RagException(RagErrorKind.InvalidInput,
                    $"Chunk {chunk.Id} has a vector of another model or length than the document's other chunks ({space.Model}, {space.Dimensions}).");
            }
        }
        return space;
    }
}
