using Microsoft.Extensions.DependencyInjection;
using RagSystem.Storage;

namespace RagSystem;

/// <summary>Returned by <see cref="RagServiceCollectionExtensions.AddRagSystem"/> to add optional parts, such as another
/// store kind: <c>services.AddRagSystem(configuration).AddQdrantStore()</c>.</summary>
public sealed class RagSystemBuilder
{
    internal RagSystemBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection being configured.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Makes a store kind selectable by <c>Store:Kind</c>. A later registration of the same kind wins.</summary>
    /// <param name="kind">The <c>Store:Kind</c> value (case-insensitive).</param>
    /// <param name="create">Creates the store; it must do no I/O until first used.</param>
    public RagSystemBuilder AddStore(string kind, Func<IServiceProvider, IChunkStore> create)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentNullException.ThrowIfNull(create);
        Services.AddSingleton(new ChunkStoreRegistration(kind, create));
        return this;
    }
}
