using System.Diagnostics;
using RagSystem.Retrieval;

namespace RagSystem.Answering;

/// <summary>What retrieval found for one question, and whether it is evidence enough to answer.</summary>
/// <param name="Question">The question.</param>
/// <param name="Ranked">Retrieved (and reranked) passages, best first.</param>
/// <param name="Coverage">Lexical coverage of the question by each passage, parallel to <paramref name="Ranked"/>.</param>
/// <param name="Evidence">Best coverage among the top passages the evidence check looks at.</param>
/// <param name="Found">True when the evidence clears the thresholds.</param>
/// <param name="RetrievalMs">Retrieval time.</param>
/// <param name="RerankMs">Time of the answerer's own reranking (0 when none ran).</param>
/// <param name="Clock">Started when the question arrived.</param>
internal sealed record RetrievalOutcome(
    string Question,
    IReadOnlyList<RetrievedChunk> Ranked,
    IReadOnlyList<double> Coverage,
    double Evidence,
    bool Found,
    double RetrievalMs,
    double RerankMs,
    Stopwatch Clock);
