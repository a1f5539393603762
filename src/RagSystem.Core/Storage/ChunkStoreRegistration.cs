namespace RagSystem.Storage;

/// <summary>One store kind the composition root can open: <see cref="Kind"/> is matched against <see cref="StoreOptions.Kind"/>.
/// Added by <see cref="RagSystemBuilder.AddStore"/>.</summary>
/// <param name="Kind">The <c>Store:Kind</c> value that selects this store (case-insensitive).</param>
/// <param name="Create">Creates the store; called once per service provider. The store opens its connection or collection on
/// first use, so creating it does no I/O.</param>
public sealed record ChunkStoreRegistration(string Kind, Func<IServiceProvider, IChunkStore> Create);
