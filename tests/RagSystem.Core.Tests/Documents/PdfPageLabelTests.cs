using RagSystem.Documents;

namespace RagSystem.Core.Tests.Documents;

/// <summary>Printed page labels: the PDF label styles, and the running page number read from the margin line the
/// furniture filter drops when a PDF declares no labels.</summary>
public sealed class PdfPageLabelTests
{
    [Theory]
    [InlineData("D", 15, "15")]
    [InlineData("r", 4, "iv")]
    [InlineData("R", 1994, "MCMXCIV")]
    [InlineData("A", 3, "C")]
    [InlineData("a", 28, "bb")]
    [InlineData(null, 5, "")]
    public void Page_label_styles_number_as_the_PDF_specification_says(string? style, int value, string expected) =>
        Assert.Equal(expected, PdfPageLabels.Format(style, value));

    [Fact]
    public void Printed_page_number_in_the_margin_becomes_the_page_label_and_body_numbers_do_not()
    {
        PdfPageLayout Page(int number, string footer, string body) => new(number, 600, 800,
        [
            new PdfTextBlock([new PdfLine(body, 500, 512, 10)], IsTable: false),
            new PdfTextBlock([new PdfLine(footer, 30, 40, 9)], IsTable: false),
        ]);
        var pages = new List<PdfPageLayout>
        {
            Page(1, "Page 7 of 40", "Revenue grew 12 percent in the quarter."),
            Page(2, "- 8 -", "Costs were flat at 4,100 million."),
            Page(3, "ix", "A page in the front matter."),
            new(4, 600, 800, [new PdfTextBlock([new PdfLine("12", 500, 512, 10)], IsTable: false)]),
        };
        var furniture = PdfFurnitureFilter.Find(pages);

        Assert.Equal(["7", "8", "ix", null], pages.Select(p => PdfFurnitureFilter.PrintedPageNumber(p, furniture)));
    }
}
