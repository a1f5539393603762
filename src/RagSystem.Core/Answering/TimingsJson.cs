namespace RagSystem.Answering;

/// <summary>Stage timings in the answer's JSON, in milliseconds.</summary>
/// <param name="RetrievalMs">Retrieval.</param>
/// <param name="RerankMs">The answerer's own reranking.</param>
/// <param name="GenerationMs">Prompt and generation (or extraction).</param>
/// <param name="TotalMs">Whole question.</param>
/// <param name="FirstTokenMs">Time to the first generated text, or null.</param>
public sealed record TimingsJson(double RetrievalMs, double RerankMs, double GenerationMs, double TotalMs, double? FirstTokenMs);
