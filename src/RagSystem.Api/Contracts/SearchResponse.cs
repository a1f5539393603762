namespace RagSystem.Api.Contracts;

/// <summary>Result of <c>POST /v1/search</c>.</summary>
/// <param name="Query">The query searched for.</param>
/// <param name="Mode">How the retriever ran: lexical, dense or hybrid, with +rerank.</param>
/// <param name="Hits">Scored chunks, best first.</param>
/// <param name="ElapsedMs">Retrieval time.</param>
public sealed record SearchResponse(string Query, string Mode, IReadOnlyList<SearchHitJson> Hits, double ElapsedMs);
