namespace RagSystem.Documents;

/// <summary>A PDF page's text as blocks in reading order, with the page size needed to tell margins from body.</summary>
internal sealed record PdfPageLayout(int Number, double Width, double Height, IReadOnlyList<PdfTextBlock> Blocks)
{
    public bool IsEmpty => Blocks.Count == 0;
}
