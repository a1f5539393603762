namespace RagSystem.Testing.Ocr;

/// <summary>A rendered page and the text drawn on it.</summary>
/// <param name="Encoded">The PNG or JPEG file.</param>
/// <param name="Lines">The lines drawn, in reading order (left column first).</param>
/// <param name="Overflowed">Whether some text did not fit on the page (and is not in <paramref name="Lines"/>).</param>
public sealed record RenderedTextPage(byte[] Encoded, IReadOnlyList<string> Lines, bool Overflowed)
{
    /// <summary>The ground truth: the lines joined by newlines.</summary>
    public string Text => string.Join('\n', Lines);
}
