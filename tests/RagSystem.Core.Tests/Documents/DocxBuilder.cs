using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using V = DocumentFormat.OpenXml.Vml;

namespace RagSystem.Core.Tests.Documents;

/// <summary>Builds small .docx files in memory with the Open XML SDK.</summary>
internal static class DocxBuilder
{
    public static byte[] Build(Action<MainDocumentPart, Body> fill)
    {
        using var stream = new MemoryStream();
        using (var word = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = word.AddMainDocumentPart();
            main.Document = new DocumentFormat.OpenXml.Wordprocessing.Document(new Body());
            fill(main, main.Document.Body!);
            main.Document.Save();
        }
        return stream.ToArray();
    }

    public static Paragraph Para(string text, string? style = null)
    {
        var paragraph = new Paragraph(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        if (style is not null) paragraph.PrependChild(new ParagraphProperties(new ParagraphStyleId { Val = style }));
        return paragraph;
    }

    public static Table Table(params string[][] rows) =>
        new(rows.Select(cells => new TableRow(cells.Select(c => new TableCell(Para(c))))));

    public static Paragraph TrackedChanges(string kept, string inserted, string deleted) => new(
        new Run(new Text(kept) { Space = SpaceProcessingModeValues.Preserve }),
        new InsertedRun(new Run(new Text(inserted) { Space = SpaceProcessingModeValues.Preserve })) { Id = "1", Author = "t" },
        new DeletedRun(new Run(new DeletedText(deleted) { Space = SpaceProcessingModeValues.Preserve })) { Id = "2", Author = "t" });

    public static Paragraph WithTextBox(string body, string boxed) => new(
        new Run(new Text(body)),
        new Run(new Picture(new V.Shape(new V.TextBox(new TextBoxContent(Para(boxed)))))));

    public static void AddFootnote(MainDocumentPart main, Body body, string anchorText, string note)
    {
        var part = main.AddNewPart<FootnotesPart>();
        part.Footnotes = new Footnotes(
            new Footnote(Para("")) { Type = FootnoteEndnoteValues.Separator, Id = -1 },
            new Footnote(Para(note)) { Id = 1 });
        body.Append(new Paragraph(new Run(new Text(anchorText)), new Run(new FootnoteReference { Id = 1 })));
    }

    public static void AddLocalisedHeadingStyle(MainDocumentPart main, string styleId, int level)
    {
        var part = main.StyleDefinitionsPart ?? main.AddNewPart<StyleDefinitionsPart>();
        part.Styles ??= new Styles();
        part.Styles.Append(new Style(new StyleName { Val = $"heading {level}" }) { StyleId = styleId, Type = StyleValues.Paragraph });
    }
}
