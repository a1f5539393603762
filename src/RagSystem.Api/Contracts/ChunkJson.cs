using RagSystem.Answering;
using RagSystem.Storage;

namespace RagSystem.Api.Contracts;

/// <summary>One chunk of a document.</summary>
/// <param name="Id">The chunk id.</param>
/// <param name="Ordinal">Its position in the document.</param>
/// <param name="Text">Its text.</param>
/// <param name="Tokens">Its length in the encoder's tokens.</param>
/// <param name="Page">First page, or null.</param>
/// <param name="PageEnd">Last page, or null.</param>
/// <param name="Heading">Heading path joined with " &gt; ", or null.</param>
public sealed record ChunkJson(Guid Id, int Ordinal, string Text, int Tokens, int? Page, int? PageEnd, string? Heading)
{
    /// <summary>The printed label of the first page (<c>iv</c>, <c>15</c>) when the document declares or prints one; null
    /// otherwise. The same field as a citation's <c>page_label</c>.</summary>
    public string? PageLabel { get; init; }

    /// <summary>Whether the chunk's text was read by OCR from a scan.</summary>
    public bool Ocr { get; init; }

    /// <summary>The mean OCR confidence (0 to 1, four decimals) when <see cref="Ocr"/>; null otherwise.</summary>
    public double? OcrConfidence { get; init; }

    /// <summary>Maps a stored chunk, with the same provenance fields as a citation.</summary>
    public static ChunkJson From(ChunkRecord chunk) =>
        new(chunk.Id, chunk.Ordinal, chunk.Text, chunk.TokenCount, chunk.PageStart, chunk.PageEnd, ProvenanceJson.Heading(chunk.HeadingPath))
        {
            PageLabel = chunk.PageLabel,
            Ocr = ProvenanceJson.Ocr(chunk.OcrConfidence),
            OcrConfidence = ProvenanceJson.OcrConfidence(chunk.OcrConfidence),
        };
}
