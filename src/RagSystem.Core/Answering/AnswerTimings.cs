namespace RagSystem.Answering;

/// <summary>Where the time of one question went, in milliseconds.</summary>
/// <param name="RetrievalMs">Retrieval (lexical + dense + fusion, and reranking when the retriever does it).</param>
/// <param name="RerankMs">Reranking done by the answerer's own reranker; 0 when none ran.</param>
/// <param name="GenerationMs">Prompt rendering and the generator call (or the extractive selection).</param>
/// <param name="TotalMs">From the call to the final answer.</param>
/// <param name="TimeToFirstTokenMs">From the call to the first streamed piece of generated text; null when nothing was
/// generated or the answer was not streamed (<see cref="Answerer.AskAsync"/> receives the text whole).</param>
public sealed record AnswerTimings(
    double RetrievalMs,
    double RerankMs,
    double GenerationMs,
    double TotalMs,
    double? TimeToFirstTokenMs);
