using RagSystem.Documents;

namespace RagSystem.Chunking;

/// <summary>The one definition of a document's flat text, against which section offsets and chunk spans are measured.</summary>
public static class DocumentText
{
    /// <summary>What separates sections in the flat text.</summary>
    public const string Separator = "\n\n";

    /// <summary>Joins the sections' text with <see cref="Separator"/>.</summary>
    public static string Join(IReadOnlyList<Section> sections) => string.Join(Separator, sections.Select(s => s.Text));
}
