namespace RagSystem.Ocr;

/// <summary>What OCR found in one image.</summary>
/// <param name="Lines">Recognised lines in reading order (columns top to bottom, left column first).</param>
/// <param name="Text">The lines as text: lines of one row joined by a space, rows by a newline, blocks by a blank line.</param>
/// <param name="Timings">Time spent in each stage.</param>
public sealed record OcrPageResult(IReadOnlyList<OcrLine> Lines, string Text, OcrTimings Timings)
{
    /// <summary>Mean confidence over the lines, weighted by their length; 0 when nothing was read.</summary>
    public float MeanConfidence
    {
        get
        {
            long characters = 0;
            double sum = 0;
            foreach (var line in Lines)
            {
                characters += line.Text.Length;
                sum += (double)line.Confidence * line.Text.Length;
            }
            return characters == 0 ? 0f : (float)(sum / characters);
        }
    }
}
