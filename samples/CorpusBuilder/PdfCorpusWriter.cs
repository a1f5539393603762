using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace RagSystem.Samples.CorpusBuilder;

/// <summary>Writes source blocks as an A4 PDF in Helvetica: word-wrapped lines, explicit and overflow page breaks,
/// and a page number in each footer, so page numbers are worth citing.</summary>
internal sealed class PdfCorpusWriter
{
    private const double Margin = 72;
    private const double BodySize = 11;
    private const double FooterSize = 9;

    private readonly PdfDocumentBuilder _builder = new();
    private readonly PdfDocumentBuilder.AddedFont _regular;
    private readonly PdfDocumentBuilder.AddedFont _bold;
    private PdfPageBuilder _page = null!;
    private double _width;
    private double _y;
    private int _pageNumber;

    private PdfCorpusWriter()
    {
        _regular = _builder.AddStandard14Font(Standard14Font.Helvetica);
        _bold = _builder.AddStandard14Font(Standard14Font.HelveticaBold);
    }

    public static void Write(IReadOnlyList<SourceBlock> blocks, string path)
    {
        var writer = new PdfCorpusWriter();
        writer._builder.DocumentInformation.Title = blocks.FirstOrDefault(b => b.Kind == SourceBlockKind.Heading1)?.Text;
        writer._builder.DocumentInformation.Producer = "RagSystem CorpusBuilder";
        writer.NewPage();
        foreach (var block in blocks) writer.WriteBlock(block);
        File.WriteAllBytes(path, WithContentDerivedId(writer._builder.Build()));
    }

    /// <summary>PdfPig writes a random trailer /ID; replacing it (same length) with a hash of the content makes rebuilds
    /// byte-identical, so regenerating the corpus does not churn the committed files.</summary>
    private static byte[] WithContentDerivedId(byte[] pdf)
    {
        var marker = System.Text.Encoding.ASCII.GetBytes("/ID [ <");
        var at = pdf.AsSpan().LastIndexOf(marker);
        if (at < 0) return pdf;
        var first = at + marker.Length;
        var second = first + 32 + 2;
        pdf.AsSpan(first, 32).Fill((byte)'0');
        pdf.AsSpan(second, 32).Fill((byte)'0');
        var hex = System.Text.Encoding.ASCII.GetBytes(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(pdf))[..32]);
        hex.CopyTo(pdf, first);
        hex.CopyTo(pdf, second);
        return pdf;
    }

    private void WriteBlock(SourceBlock block)
    {
        switch (block.Kind)
        {
            case SourceBlockKind.PageBreak: NewPage(); break;
            case SourceBlockKind.Heading1: Gap(6); WriteWrapped(block.Text, _bold, 20, 0); Gap(8); break;
            case SourceBlockKind.Heading2: Gap(10, keepWithNext: 60); WriteWrapped(block.Text, _bold, 14, 0); Gap(4); break;
            case SourceBlockKind.Heading3: Gap(6, keepWithNext: 50); WriteWrapped(block.Text, _bold, 12, 0); Gap(3); break;
            case SourceBlockKind.Bullet: WriteWrapped("- " + block.Text, _regular, BodySize, 12); Gap(2); break;
            case SourceBlockKind.Table:
                foreach (var row in block.Rows) { WriteWrapped(string.Join(" | ", row), _regular, BodySize, 0); Gap(2); }
                Gap(6);
                break;
            default: WriteWrapped(block.Text, _regular, BodySize, 0); Gap(6); break;
        }
    }

    private void WriteWrapped(string text, PdfDocumentBuilder.AddedFont font, double size, double indent)
    {
        var lineHeight = size * 1.4;
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (line.Length > 0 && Measure(candidate, font, size) > _width - indent)
            {
                WriteLine(line, font, size, indent, lineHeight);
                line = word;
            }
            else
            {
                line = candidate;
            }
        }
        if (line.Length > 0) WriteLine(line, font, size, indent, lineHeight);
    }

    private void WriteLine(string line, PdfDocumentBuilder.AddedFont font, double size, double indent, double lineHeight)
    {
        if (_y - lineHeight < Margin) NewPage();
        _y -= lineHeight;
        _page.AddText(line, size, new PdfPoint(Margin + indent, _y), font);
    }

    private double Measure(string text, PdfDocumentBuilder.AddedFont font, double size)
    {
        var letters = _page.MeasureText(text, size, new PdfPoint(0, 0), font);
        return letters.Count == 0 ? 0 : letters[^1].EndBaseLine.X;
    }

    private void Gap(double points, double keepWithNext = 0)
    {
        // A heading must not be the last thing on a page: start a new page when its first lines would not fit.
        if (keepWithNext > 0 && _y - points - keepWithNext < Margin) NewPage();
        else _y -= points;
    }

    private void NewPage()
    {
        _page = _builder.AddPage(PageSize.A4);
        _pageNumber++;
        _width = _page.PageSize.Width - 2 * Margin;
        _y = _page.PageSize.Height - Margin;
        var footer = $"Page {_pageNumber}";
        var footerWidth = Measure(footer, _regular, FooterSize);
        _page.AddText(footer, FooterSize, new PdfPoint((_page.PageSize.Width - footerWidth) / 2, Margin / 2), _regular);
    }
}
