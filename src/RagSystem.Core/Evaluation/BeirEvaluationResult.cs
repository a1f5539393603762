namespace RagSystem.Evaluation;

/// <summary>Mean metrics over the judged queries of one BEIR split.</summary>
/// <param name="NdcgAt10">Mean nDCG@10.</param>
/// <param name="RecallAt10">Mean Recall@10.</param>
/// <param name="RecallAt100">Mean Recall@100.</param>
/// <param name="MrrAt10">Mean reciprocal rank within 10.</param>
/// <param name="Queries">Number of queries evaluated (those with qrels).</param>
/// <param name="Mode">Retrieval mode: lexical, dense or hybrid, with +rerank.</param>
/// <param name="Seconds">Wall time of ingestion plus querying.</param>
/// <param name="IngestSeconds">Of which: loading and (when a model is present) embedding the corpus.</param>
/// <param name="QueryMillisecondsP50">Median retrieval latency per query (with <c>QueryParallelism</c> queries in flight).</param>
/// <param name="QueryMillisecondsP95">95th-percentile retrieval latency per query.</param>
public sealed record BeirEvaluationResult(double NdcgAt10, double RecallAt10, double RecallAt100, double MrrAt10, int Queries, string Mode, double Seconds,
    double IngestSeconds = 0, double QueryMillisecondsP50 = 0, double QueryMillisecondsP95 = 0);
