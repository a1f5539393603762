namespace RagSystem.Documents;

/// <summary>A parsed document: its text as ordered sections, each with its page or heading path.</summary>
/// <param name="Path">The path the document was read from (as passed to the reader).</param>
/// <param name="Sections">Sections in reading order. Their <see cref="Section.Offset"/> values increase.</param>
/// <param name="Title">The document's own title, when the format carries one.</param>
public sealed record Document(string Path, IReadOnlyList<Section> Sections, string? Title = null)
{
    /// <summary>Total characters of text across all sections.</summary>
    public int TextLength => Sections.Count == 0 ? 0 : Sections[^1].Offset + Sections[^1].Text.Length;
}
