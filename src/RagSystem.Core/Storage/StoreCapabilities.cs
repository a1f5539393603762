namespace RagSystem.Storage;

/// <summary>What a store can do beyond the contract's minimum.</summary>
/// <param name="FusesHybrid">The store answers a <see cref="SearchRequest"/> carrying both a vector and a text in one call,
/// fused by reciprocal-rank fusion with equal side weights (Qdrant: two prefetches and RRF in one Query API call). When
/// false, the retriever runs the two sides separately and fuses them itself.</param>
public sealed record StoreCapabilities(bool FusesHybrid);
