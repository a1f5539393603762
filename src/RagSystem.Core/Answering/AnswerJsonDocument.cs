namespace RagSystem.Answering;

/// <summary>The JSON document of one answer (see <see cref="AnswerJson"/>).</summary>
/// <param name="Answer">The answer text.</param>
/// <param name="Mode">generative, extractive or not_found.</param>
/// <param name="Question">The question answered.</param>
/// <param name="Citations">Cited passages by number.</param>
/// <param name="CitationsFromText">True when the citations are the ones referenced with [n] in the text.</param>
/// <param name="Timings">Stage timings in milliseconds.</param>
/// <param name="Evidence">The lexical-coverage evidence behind the not-found decision.</param>
/// <param name="Retrieval">Every retrieved passage with its scores.</param>
public sealed record AnswerJsonDocument(
    string Answer,
    AnswerMode Mode,
    string Question,
    IReadOnlyList<CitationJson> Citations,
    bool CitationsFromText,
    TimingsJson Timings,
    double Evidence,
    IReadOnlyList<RetrievalJson> Retrieval);
