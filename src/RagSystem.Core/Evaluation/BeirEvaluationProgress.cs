namespace RagSystem.Evaluation;

/// <summary>Progress of an evaluation run.</summary>
/// <param name="Stage"><c>ingest</c> or <c>query</c>.</param>
/// <param name="Done">Items finished in this stage.</param>
/// <param name="Total">Items in this stage, or null when unknown (the corpus is streamed).</param>
public sealed record BeirEvaluationProgress(string Stage, int Done, int? Total);
