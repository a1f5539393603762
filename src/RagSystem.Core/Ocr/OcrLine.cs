namespace RagSystem.Ocr;

/// <summary>One recognised line of text.</summary>
/// <param name="Text">The recognised characters.</param>
/// <param name="Confidence">Mean probability of the recognised characters, 0 to 1.</param>
/// <param name="Box">Where the line is in the image, in reading direction.</param>
public sealed record OcrLine(string Text, float Confidence, OcrQuad Box);
