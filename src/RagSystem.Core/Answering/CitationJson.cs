using System.Text.Json.Serialization;

namespace RagSystem.Answering;

/// <summary>A citation in the answer's JSON.</summary>
/// <param name="N">The [n] number cited in the text.</param>
/// <param name="Source">The document's path relative to the docs root.</param>
/// <param name="Page">First page, or null.</param>
/// <param name="PageEnd">Last page, or null.</param>
/// <param name="Heading">Heading path joined with " &gt; ", or null.</param>
/// <param name="ChunkId">The chunk's id.</param>
/// <param name="Text">The quoted passage.</param>
/// <param name="Score">Its retrieval score.</param>
public sealed record CitationJson(
    [property: JsonPropertyName("n")] int N,
    string Source,
    int? Page,
    int? PageEnd,
    string? Heading,
    Guid ChunkId,
    string Text,
    double Score)
{
    /// <summary>The cited sentence(s) of the passage (see <see cref="Citation.Quote"/>), or null.</summary>
    public string? Quote { get; init; }

    /// <summary>The printed label of the first page (<see cref="Citation.PageLabel"/>), or null.</summary>
    public string? PageLabel { get; init; }

    /// <summary>Whether the passage was read by OCR from a scan.</summary>
    public bool Ocr { get; init; }

    /// <summary>The mean OCR confidence (0 to 1, four decimals) when <see cref="Ocr"/>; null otherwise.</summary>
    public double? OcrConfidence { get; init; }

    /// <summary>The id of the cited document (see <see cref="Citation.DocumentId"/>), or null.</summary>
    public string? DocumentId { get; init; }
}
