namespace RagSystem.Documents;

/// <summary>Collects sections in reading order and assigns their offsets in the document's concatenated text
/// (sections joined with <c>"\n\n"</c>). Whitespace-only text is dropped.</summary>
public sealed class SectionListBuilder
{
    /// <summary>The separator between sections in the concatenated text the offsets refer to.</summary>
    public const string Separator = "\n\n";

    private readonly List<Section> _sections = [];
    private int _nextOffset;

    /// <summary>Sections added so far.</summary>
    public IReadOnlyList<Section> Sections => _sections;

    /// <summary>Adds a section unless its text is blank. Surrounding whitespace is trimmed.</summary>
    /// <param name="text">The section's text.</param>
    /// <param name="page">1-based page number, or null.</param>
    /// <param name="headingPath">Enclosing headings, outermost first.</param>
    /// <param name="pageLabel">The printed page label (see <see cref="Section.PageLabel"/>), or null.</param>
    /// <param name="ocrConfidence">The OCR confidence when the text was read by OCR (see <see cref="Section.OcrConfidence"/>), or null.</param>
    /// <returns>Whether a section was added.</returns>
    public bool Add(string text, int? page, IReadOnlyList<string> headingPath, string? pageLabel = null, double? ocrConfidence = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Length == 0) return false;
        _sections.Add(new Section(trimmed, page, headingPath, _nextOffset, pageLabel, ocrConfidence));
        _nextOffset += trimmed.Length + Separator.Length;
        return true;
    }
}
