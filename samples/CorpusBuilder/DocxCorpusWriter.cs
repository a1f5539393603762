using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace RagSystem.Samples.CorpusBuilder;

/// <summary>Writes source blocks as a DOCX whose headings use real Heading1–3 styles (defined in the styles part,
/// with outline levels) and whose pipe tables become Word tables.</summary>
internal static class DocxCorpusWriter
{
    private static readonly DateTime FixedDate = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static void Write(IReadOnlyList<SourceBlock> blocks, string path)
    {
        WritePackage(blocks, path);
        // The zip entries carry the current time; pin it so rebuilds are byte-identical.
        using var zip = System.IO.Compression.ZipFile.Open(path, System.IO.Compression.ZipArchiveMode.Update);
        foreach (var entry in zip.Entries) entry.LastWriteTime = FixedDate;
    }

    private static void WritePackage(IReadOnlyList<SourceBlock> blocks, string path)
    {
        using var document = WordprocessingDocument.Create(path, WordprocessingDocumentType.Document);
        // Explicit relationship ids and a hand-written core.xml: the SDK's defaults are random, which would make
        // every rebuild differ.
        var core = document.AddNewPart<CoreFilePropertiesPart>("application/vnd.openxmlformats-package.core-properties+xml", "rIdCore");
        using (var writer = new StreamWriter(core.GetStream(FileMode.Create)))
            writer.Write(CoreProperties(blocks.FirstOrDefault(b => b.Kind == SourceBlockKind.Heading1)?.Text ?? ""));
        var main = document.AddNewPart<MainDocumentPart>("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", "rIdMain");
        main.AddNewPart<StyleDefinitionsPart>("rIdStyles").Styles = DocxStyles.Create();
        var body = new Body();
        foreach (var block in blocks) body.Append(ToElement(block));
        body.Append(new SectionProperties(
            new PageSize { Width = 11906, Height = 16838 },
            new PageMargin { Top = 1440, Bottom = 1440, Left = 1440, Right = 1440, Header = 708, Footer = 708, Gutter = 0 }));
        main.Document = new Document(body);
        main.Document.Save();
    }

    private static string CoreProperties(string title) =>
        $"""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
          <dc:title>{System.Security.SecurityElement.Escape(title)}</dc:title>
          <dc:creator>RagSystem CorpusBuilder</dc:creator>
          <dcterms:created xsi:type="dcterms:W3CDTF">2026-01-01T00:00:00Z</dcterms:created>
          <dcterms:modified xsi:type="dcterms:W3CDTF">2026-01-01T00:00:00Z</dcterms:modified>
        </cp:coreProperties>
        """;

    private static OpenXmlElement ToElement(SourceBlock block) => block.Kind switch
    {
        SourceBlockKind.Heading1 => StyledParagraph("Heading1", block.Text),
        SourceBlockKind.Heading2 => StyledParagraph("Heading2", block.Text),
        SourceBlockKind.Heading3 => StyledParagraph("Heading3", block.Text),
        SourceBlockKind.Bullet => StyledParagraph("ListParagraph", "\u2022 " + block.Text),
        SourceBlockKind.PageBreak => new Paragraph(new Run(new Break { Type = BreakValues.Page })),
        SourceBlockKind.Table => ToTable(block.Rows),
        _ => new Paragraph(TextRun(block.Text)),
    };

    private static Paragraph StyledParagraph(string styleId, string text) =>
        new(new ParagraphProperties(new ParagraphStyleId { Val = styleId }), TextRun(text));

    private static Run TextRun(string text, bool bold = false)
    {
        var run = new Run();
        if (bold) run.Append(new RunProperties(new Bold()));
        run.Append(new Text(text) { Space = SpaceProcessingModeValues.Preserve });
        return run;
    }

    private static Table ToTable(IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var columns = rows.Max(r => r.Count);
        var border = new Func<BorderType, BorderType>(b => { b.Val = BorderValues.Single; b.Size = 4; b.Color = "808080"; return b; });
        var table = new Table(new TableProperties(
            new TableStyle { Val = "TableGrid" },
            new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" },
            new TableBorders(
                border(new TopBorder()), border(new BottomBorder()), border(new LeftBorder()),
                border(new RightBorder()), border(new InsideHorizontalBorder()), border(new InsideVerticalBorder()))));
        table.Append(new TableGrid(Enumerable.Range(0, columns).Select(_ => new GridColumn { Width = (9026 / columns).ToString() })));
        for (var r = 0; r < rows.Count; r++)
        {
            var row = new TableRow();
            if (r == 0) row.Append(new TableRowProperties(new TableHeader()));
            for (var c = 0; c < columns; c++)
            {
                var text = c < rows[r].Count ? rows[r][c] : "";
                row.Append(new TableCell(new Paragraph(TextRun(text, bold: r == 0))));
            }
            table.Append(row);
        }
        return table;
    }
}
