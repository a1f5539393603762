using System.Text.Json;
using System.Text.Json.Serialization;

namespace RagSystem.Answering;

/// <summary>The JSON shape of an answer, as printed by <c>rag ask --json</c> and returned by the API:
/// <c>{"answer", "mode", "citations":[{"n","source","page","text",…}], "timings":{"retrieval_ms","generation_ms","total_ms",…}, …}</c>.</summary>
public static class AnswerJson
{
    /// <summary>Serializer settings: snake_case names, enums as snake_case strings (<c>not_found</c>), nulls written.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        WriteIndented = true,
    };

    /// <summary>Maps an answer onto its JSON document.</summary>
    public static AnswerJsonDocument ToDocument(Answer answer) => new(
        answer.Text,
        answer.Mode,
        answer.Question,
        answer.Citations.Select(ToJson).ToList(),
        answer.CitationsFromText,
        new TimingsJson(Round(answer.Timings.RetrievalMs), Round(answer.Timings.RerankMs), Round(answer.Timings.GenerationMs),
            Round(answer.Timings.TotalMs), answer.Timings.TimeToFirstTokenMs is { } t ? Round(t) : null),
        Math.Round(answer.Evidence, 4),
        answer.Retrieval.Select(r => new RetrievalJson(r.Number, r.ChunkId, r.Source, r.Score, r.LexicalScore, r.DenseScore,
            r.RerankScore, Math.Round(r.Coverage, 4))).ToList());

    /// <summary>Maps one citation onto its JSON shape, provenance (printed page label, OCR and its confidence) included.</summary>
    public static CitationJson ToJson(Citation citation) => new(citation.Number, citation.Source, citation.PageStart, citation.PageEnd,
        ProvenanceJson.Heading(citation.HeadingPath), citation.ChunkId, citation.Text, citation.Score)
    {
        Quote = citation.Quote,
        DocumentId = citation.DocumentId,
        PageLabel = citation.PageLabel,
        Ocr = ProvenanceJson.Ocr(citation.OcrConfidence),
        OcrConfidence = ProvenanceJson.OcrConfidence(citation.OcrConfidence),
    };

    /// <summary>Serializes an answer to its JSON text.</summary>
    public static string Serialize(Answer answer) => JsonSerializer.Serialize(ToDocument(answer), Options);

    private static double Round(double ms) => Math.Round(ms, 1);
}
