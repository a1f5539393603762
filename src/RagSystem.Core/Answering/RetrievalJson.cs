namespace RagSystem.Answering;

/// <summary>One retrieved passage's scores in the answer's JSON.</summary>
/// <param name="N">Its number in the prompt, or null when it was not given to the model.</param>
/// <param name="ChunkId">The chunk's id.</param>
/// <param name="Source">The document's relative path.</param>
/// <param name="Score">Final ranking score.</param>
/// <param name="Lexical">BM25 score, or null.</param>
/// <param name="Dense">Cosine similarity, or null.</param>
/// <param name="Rerank">Reranker score, or null.</param>
/// <param name="Coverage">Share of the question's content words in the passage.</param>
public sealed record RetrievalJson(
    [property: System.Text.Json.Serialization.JsonPropertyName("n")] int? N,
    Guid ChunkId,
    string Source,
    double Score,
    double? Lexical,
    double? Dense,
    double? Rerank,
    double Coverage);
