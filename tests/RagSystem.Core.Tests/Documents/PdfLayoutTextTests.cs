using RagSystem.Documents;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;
using static RagSystem.Core.Tests.Documents.PdfReaderTests;

namespace RagSystem.Core.Tests.Documents;

/// <summary>PDF text as a reader sees it, on pages drawn the way real generators draw them.</summary>
public sealed class PdfLayoutTextTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Small_caps_drawn_as_two_font_sizes_come_out_as_whole_words()
    {
        var pdf = BuildPdf(page =>
        {
            var pen = new Pen(page, 50, 700);
            pen.Write("S", 12).Write("ATYA", 9.6).Space().Write("N", 12).Write("ADELLA", 9.6).Space().Write("Chief Executive Officer", 12);
            pen = new Pen(page, 50, 660);
            pen.Write("M", 12).Write("ICROSOFT", 9.6).Space().Write("C", 12).Write("ORPORATION", 9.6);
        });

        var text = await ReadAsync(pdf);

        Assert.Contains("SATYA NADELLA Chief Executive Officer", text);
        Assert.Contains("MICROSOFT CORPORATION", text);
    }

    [Fact]
    public async Task A_raised_superscript_is_attached_to_its_word_with_a_caret()
    {
        var pdf = BuildPdf(page =>
            new Pen(page, 50, 700).Write("Attention scores are QK", 12).Write("T", 7, rise: 4.5).Space().Write("divided by the scale.", 12));

        Assert.Contains("Attention scores are QK^T divided by the scale.", await ReadAsync(pdf));
    }

    [Fact]
    public async Task A_registered_mark_stays_on_its_word()
    {
        var fontPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
        if (!File.Exists(fontPath)) Assert.Skip($"needs a TrueType font with ® at {fontPath} (Debian fonts-dejavu-core)");
        var builder = new PdfDocumentBuilder();
        var font = builder.AddTrueTypeFont(File.ReadAllBytes(fontPath));
        var page = new PageCanvas(builder.AddPage(612, 792), font);
        new Pen(page, 50, 700).Write("Net sales of iPhone", 12).Write("®", 7, rise: 4.5).Space().Write("and Wearables", 12).Write("®", 12)
            .Space().Write("grew.", 12);

        Assert.Contains("Net sales of iPhone® and Wearables® grew.", await ReadAsync(builder.Build()));
    }

    [Fact]
    public async Task Table_rows_keep_labels_and_figures_on_one_line_with_currency_signs_attached()
    {
        var pdf = BuildPdf(page =>
        {
            Row(page, 720, ("Revenue by segment (in millions)", 50));
            Row(page, 700, ("Segment", 50), ("Q2 2024", 300), ("Q2 2023", 420));
            Row(page, 686, ("Data Center", 50), ("$", 300), ("14,514", 340), ("$", 420), ("3,833", 460));
            Row(page, 672, ("Gaming", 50), ("2,856", 340), ("2,240", 460));
            Row(page, 658, ("Professional Visualization", 50), ("416", 348), ("295", 466));
            Row(page, 630, ("The figures above are unaudited and were prepared for this quarterly report.", 50));
        });

        var paragraphs = (await ReadAsync(pdf)).Split("\n\n");

        Assert.Equal(
            ["Revenue by segment (in millions)", "Segment | Q2 2024 | Q2 2023", "Data Center | $14,514 | $3,833", "Gaming | 2,856 | 2,240",
                "Professional Visualization | 416 | 295", "The figures above are unaudited and were prepared for this quarterly report."],
            paragraphs);
    }

    [Fact]
    public async Task A_currency_sign_set_apart_in_running_text_joins_its_figure()
    {
        var pdf = BuildPdf(page => Row(page, 700, ("Net income for the quarter was", 50), ("$", 193), ("1,234 million.", 205)));
        Assert.Equal("Net income for the quarter was $1,234 million.", await ReadAsync(pdf));
    }

    [Fact]
    public async Task Running_headers_footers_and_page_numbers_are_left_out()
    {
        string[] topics = ["widgets", "gadgets", "sprockets"];
        var pages = Enumerable.Range(1, 3).Select(n => (Action<PageCanvas>)(page =>
        {
            Row(page, 760, ("Acme Corp. | Q2 2023 Form 10-Q", 50), ("Table of Contents", 450));
            Row(page, 700, ($"Body text about {topics[n - 1]} and their sales.", 50));
            Row(page, 686, ($"More body text, numbered {n * 7}, continues here.", 50));
            Row(page, 40, ($"Page {n} of 3", 280));
        })).ToArray();

        var document = await new PdfReader().ReadAsync(new MemoryStream(BuildPdf(pages)), "q.pdf", Ct);

        Assert.Equal([1, 2, 3], document.Sections.Select(s => s.Page ?? 0));
        for (var n = 1; n <= 3; n++)
        {
            Assert.Equal($"Body text about {topics[n - 1]} and their sales. More body text, numbered {n * 7}, continues here.",
                document.Sections[n - 1].Text);
        }
    }

    [Fact]
    public async Task A_line_that_is_all_a_page_holds_is_content_even_when_every_page_repeats_it()
    {
        var pages = Enumerable.Range(1, 3).Select(n => (Action<PageCanvas>)(page => Row(page, 760, ($"potato {n}", 50)))).ToArray();
        var document = await new PdfReader().ReadAsync(new MemoryStream(BuildPdf(pages)), "p.pdf", Ct);
        Assert.Equal(["potato 1", "potato 2", "potato 3"], document.Sections.Select(s => s.Text));
    }

    [Fact]
    public async Task Without_a_metadata_title_the_largest_text_on_the_first_page_is_the_title()
    {
        var pdf = BuildPdf(page =>
        {
            new Pen(page, 50, 720).Write("Quarterly Report on Widgets", 20);
            Row(page, 680, ("An ordinary paragraph set in the body size of this report,", 50));
            Row(page, 666, ("which runs over two lines of text.", 50));
        });

        var document = await new PdfReader().ReadAsync(new MemoryStream(pdf), "r.pdf", Ct);

        Assert.Equal("Quarterly Report on Widgets", document.Title);
    }

    [Fact]
    public async Task Words_hyphenated_across_a_line_end_are_rejoined()
    {
        var pdf = BuildPdf(page =>
        {
            Row(page, 700, ("Dense retrie-", 50));
            Row(page, 686, ("val finds passages.", 50));
        });
        Assert.Equal("Dense retrieval finds passages.", await ReadAsync(pdf));
    }

    [Fact]
    public async Task List_items_of_a_paragraph_stay_separate_sentences()
    {
        var pdf = BuildPdf(page =>
        {
            Row(page, 700, ("Temperature changes the distribution:", 50));
            Row(page, 686, ("- With T below 1, differences between logits are magnified", 50));
            Row(page, 672, ("- With T above 1, differences shrink", 50));
            Row(page, 658, ("and the distribution flattens.", 50));
        });

        var sentences = RagSystem.Chunking.SentenceSplitter.Split(await ReadAsync(pdf));

        Assert.Equal(["Temperature changes the distribution:", "- With T below 1, differences between logits are magnified",
            "- With T above 1, differences shrink and the distribution flattens."], sentences);
    }

    private static async Task<string> ReadAsync(byte[] pdf) =>
        string.Join("\n\n", (await new PdfReader().ReadAsync(new MemoryStream(pdf), "t.pdf", Ct)).Sections.Select(s => s.Text));

    private static void Row(PageCanvas page, double y, params (string Text, double X)[] cells)
    {
        foreach (var (text, x) in cells) page.Page.AddText(text, 10, new PdfPoint(x, y), page.Font);
    }

    /// <summary>Writes runs of text one after another on a baseline, as a PDF generator sets mixed sizes.</summary>
    private sealed class Pen(PageCanvas page, double x, double y)
    {
        private double _x = x;

        public Pen Write(string text, double size, double rise = 0)
        {
            var letters = page.Page.AddText(text, size, new PdfPoint(_x, y + rise), page.Font);
            _x = letters[^1].EndBaseLine.X;
            return this;
        }

        public Pen Space()
        {
            _x += 3.3;
            return this;
        }
    }
}
