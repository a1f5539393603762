using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;

namespace RagSystem.Documents;

/// <summary>Flattens WordprocessingML block content (paragraphs, tables, content controls, text boxes) into
/// text blocks in document order. Tracked insertions are kept and deletions dropped; field instructions and
/// the VML fallback copy of a text box are skipped.</summary>
internal sealed class DocxBlockWalker(DocxHeadingLevels headings)
{
    public List<DocxBlock> Walk(OpenXmlElement container)
    {
        var blocks = new List<DocxBlock>();
        WalkBlocks(container, blocks);
        return blocks;
    }

    private void WalkBlocks(OpenXmlElement container, List<DocxBlock> blocks)
    {
        foreach (var child in container.ChildElements)
        {
            switch (child)
            {
                case Paragraph paragraph:
                    var boxes = new List<DocxBlock>();
                    var text = new StringBuilder();
                    AppendInline(paragraph, text, boxes);
                    blocks.Add(new DocxBlock(text.ToString().Trim(), headings.LevelOf(paragraph)));
                    blocks.AddRange(boxes);
                    break;
                case Table table:
                    blocks.Add(new DocxBlock(TableText(table), null));
                    break;
                case SectionProperties:
                    break;
                default:
                    // Content controls (w:sdt), custom XML and similar wrappers hold ordinary blocks.
                    WalkBlocks(child, blocks);
                    break;
            }
        }
    }

    // Rows are separate paragraphs so that sentence splitting and chunking keep each row whole; with a header row,
    // every data row names its columns ("Method: LoRA | Memory: Low"), so a row read alone still says what its figures are.
    private string TableText(Table table)
    {
        var rows = new List<List<string>>();
        foreach (var row in table.Descendants<TableRow>().Where(r => r.Ancestors<Table>().First() == table))
        {
            var cells = row.Elements<TableCell>()
                .Select(cell => string.Join(" ", Walk(cell).Select(b => b.Text).Where(t => t.Length > 0)).ReplaceLineEndings(" ").Trim())
                .ToList();
            if (cells.All(c => c.Length == 0)) continue;
            rows.Add(cells);
        }
        return DocxTableRows.Render(rows);
    }

    private void AppendInline(OpenXmlElement element, StringBuilder text, List<DocxBlock> boxes)
    {
        foreach (var child in element.ChildElements)
        {
            switch (child)
            {
                case Text t:
                    text.Append(t.Text);
                    break;
                case TabChar or PositionalTab:
                    text.Append('\t');
                    break;
                case Break or CarriageReturn:
                    text.Append('\n');
                    break;
                case NoBreakHyphen:
                    text.Append('-');
                    break;
                case TextBoxContent box:
                    boxes.AddRange(Walk(box).Select(b => b with { HeadingLevel = null }));
                    break;
                // Deleted and moved-away text is not part of the document any more; the fallback holds a
                // second copy of content already read from the preferred choice; field codes are instructions.
                case DeletedRun or MoveFromRun or DeletedText or FieldCode or DeletedFieldCode or AlternateContentFallback:
                    break;
                case ParagraphProperties or RunProperties:
                    break;
                default:
                    AppendInline(child, text, boxes);
                    break;
            }
        }
    }
}
