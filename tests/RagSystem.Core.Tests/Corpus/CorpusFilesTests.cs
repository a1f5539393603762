using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace RagSystem.Core.Tests.Corpus;

public sealed class CorpusFilesTests
{
    // What ingestion would read: the corpus's .ragignore leaves out the question files.
    private static readonly string[] Documents = new RagSystem.Ingestion.DocumentSource(CorpusText.Folder).ListFiles().Select(f => f.FullPath).ToArray();

    [Fact]
    public void Corpus_holds_eight_documents_in_all_four_formats()
    {
        Assert.Equal(8, Documents.Length);
        var byFormat = Documents.GroupBy(f => Path.GetExtension(f)).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(3, byFormat[".md"]);
        Assert.Equal(2, byFormat[".html"]);
        Assert.Equal(2, byFormat[".pdf"]);
        Assert.Equal(1, byFormat[".docx"]);
        foreach (var document in Documents)
        {
            var words = CorpusText.Extract(document).Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
            Assert.InRange(words, 600, 1600);
        }
    }

    [Fact]
    public void Every_answer_hint_occurs_in_its_answer_file_and_in_no_other()
    {
        var texts = Documents.ToDictionary(f => Path.GetFileName(f), CorpusText.Extract);
        var lines = File.ReadAllLines(Path.Combine(CorpusText.Folder, "questions.jsonl"));
        Assert.InRange(lines.Length, 12, 20);
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line);
            var file = json.RootElement.GetProperty("answer_file").GetString()!;
            var hint = json.RootElement.GetProperty("answer_hint").GetString()!;
            Assert.False(string.IsNullOrWhiteSpace(json.RootElement.GetProperty("question").GetString()));
            Assert.True(texts.ContainsKey(file), $"{file} is not in the corpus");
            Assert.True(texts[file].Contains(hint, StringComparison.OrdinalIgnoreCase), $"'{hint}' not found in {file}");
            var elsewhere = texts.Where(t => t.Key != file && t.Value.Contains(hint, StringComparison.OrdinalIgnoreCase)).Select(t => t.Key);
            Assert.Empty(elsewhere);
        }
    }

    [Fact]
    public void Unanswerable_questions_share_no_distinctive_words_with_the_corpus()
    {
        var all = string.Join(' ', Documents.Select(CorpusText.Extract)).ToLowerInvariant();
        var lines = File.ReadAllLines(Path.Combine(CorpusText.Folder, "unanswerable.jsonl"));
        Assert.Equal(2, lines.Length);
        foreach (var word in new[] { "egg", "yolk", "fifa", "world cup" }) Assert.DoesNotContain(word, all);
    }

    [Fact]
    public void Pdf_pages_come_back_with_page_numbers_and_headings_on_the_intended_pages()
    {
        var decoding = CorpusText.PdfPages(Path.Combine(CorpusText.Folder, "next-token-prediction-and-decoding.pdf"));
        Assert.True(decoding.Count >= 4, $"expected at least 4 pages, got {decoding.Count}");
        for (var i = 0; i < decoding.Count; i++) Assert.Contains($"Page {i + 1}", decoding[i]);
        Assert.StartsWith("Next-Token Prediction and Decoding", decoding[0]);
        Assert.Equal(2, PageOf(decoding, "Greedy decoding"));
        Assert.Equal(3, PageOf(decoding, "Temperature rescales the logits"));
        Assert.Equal(4, PageOf(decoding, "Repetition penalties and stopping"));

        var rlhf = CorpusText.PdfPages(Path.Combine(CorpusText.Folder, "reinforcement-learning-from-human-feedback.pdf"));
        Assert.True(rlhf.Count >= 3);
        Assert.Equal(1, PageOf(rlhf, "Bradley-Terry"));
        Assert.Equal(2, PageOf(rlhf, "proximal policy optimisation (PPO)"));
        Assert.Equal(3, PageOf(rlhf, "Constitutional AI"));
    }

    [Fact]
    public void Docx_uses_heading_styles_defined_in_its_styles_part_and_has_one_table()
    {
        using var document = WordprocessingDocument.Open(Path.Combine(CorpusText.Folder, "fine-tuning.docx"), false);
        var styles = document.MainDocumentPart!.StyleDefinitionsPart!.Styles!.Elements<Style>().Select(s => s.StyleId?.Value).ToHashSet();
        Assert.Contains("Heading1", styles);
        Assert.Contains("Heading2", styles);
        var body = document.MainDocumentPart.Document!.Body!;
        var headings = body.Elements<Paragraph>()
            .Select(p => (Style: p.ParagraphProperties?.ParagraphStyleId?.Val?.Value, p.InnerText))
            .Where(p => p.Style?.StartsWith("Heading", StringComparison.Ordinal) == true).ToList();
        Assert.Equal(("Heading1", "Fine-Tuning Language Models"), headings[0]);
        Assert.Contains(("Heading2", "Comparing the approaches"), headings);
        Assert.Contains(("Heading3", "LoRA"), headings);
        var table = Assert.Single(body.Elements<Table>());
        Assert.Equal(5, table.Elements<TableRow>().Count());
        Assert.Equal("Method", table.Elements<TableRow>().First().Elements<TableCell>().First().InnerText);
    }

    [Fact]
    public void Pdf_lines_are_wrapped_inside_the_page_margins()
    {
        foreach (var name in new[] { "next-token-prediction-and-decoding.pdf", "reinforcement-learning-from-human-feedback.pdf" })
        {
            using var pdf = UglyToad.PdfPig.PdfDocument.Open(Path.Combine(CorpusText.Folder, name));
            foreach (var page in pdf.GetPages())
            {
                Assert.All(page.GetWords(), w => Assert.InRange(w.BoundingBox.Right, 0, page.Width - 70));
                Assert.All(page.GetWords(), w => Assert.InRange(w.BoundingBox.Bottom, 30, page.Height));
            }
        }
    }

    private static int PageOf(IReadOnlyList<string> pages, string phrase)
    {
        for (var i = 0; i < pages.Count; i++)
            if (pages[i].Contains(phrase, StringComparison.Ordinal)) return i + 1;
        return 0;
    }
}
