using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RagSystem.Storage;

namespace RagSystem.Qdrant;

/// <summary>Registers the Qdrant store with the composition root.</summary>
public static class QdrantRagSystemBuilderExtensions
{
    /// <summary>Makes <c>Store:Kind = qdrant</c> select <see cref="QdrantChunkStore"/>, with <see cref="QdrantStoreOptions"/> bound
    /// from <c>Store:Qdrant:*</c> of the builder's configuration (so <c>RAG__Store__Qdrant__Url</c> works where the CLI reads
    /// <c>RAG__*</c> variables). Nothing contacts Qdrant until the store is first used.</summary>
    /// <param name="builder">The builder returned by <c>AddRagSystem</c>.</param>
    /// <param name="configure">Applied after binding; null for none.</param>
    public static RagSystemBuilder AddQdrantStore(this RagSystemBuilder builder, Action<QdrantStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddStore(StoreKinds.Qdrant, sp =>
        {
            var options = new QdrantStoreOptions();
            try
            {
                builder.Configuration.GetSection(QdrantStoreOptions.SectionName).Bind(options);
            }
            catch (InvalidOperationException ex)
            {
                throw new RagConfigurationException($"configuration: {ex.Message}");
            }
            configure?.Invoke(options);
            return QdrantChunkStore.Create(options, sp.GetRequiredService<ILogger<QdrantChunkStore>>());
        });
    }
}
