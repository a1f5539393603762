using System.Diagnostics;
using RagSystem.Documents;
using RagSystem.Ocr;
using RagSystem.Onnx;
using RagSystem.Testing;
using RagSystem.Testing.Ocr;

namespace RagSystem.Benchmarks;

/// <summary>OCR of the real scanned PDFs in ../shared/data/pdfs through the document registry: pages with text,
/// words per page, the share of words found in an English word list, and seconds per page.
/// Usage: <c>ocr-scans [model-folder]</c>.</summary>
internal static class OcrScanBenchmark
{
    private static readonly string[] Files = ["pdfcpu__HL1396.pdf", "pdfminer__pdf-with-jbig2.pdf", "pypdf__imagemagick-images.pdf", "pdfcpu__blank-scan.pdf"];

    public static async Task RunAsync(string[] args)
    {
        var folder = args.Length > 0 ? args[0] : SharedData.Find("models", "ocr", "pp-ocrv4");
        if (folder is null || SharedData.Find("data", "pdfs") is null)
        {
            Console.WriteLine("needs ../shared/data/pdfs and the PP-OCRv4 folder (../shared/models/ocr/pp-ocrv4 or an argument)");
            return;
        }
        using var sessions = new OnnxSessionFactory();
        var engine = PaddleOcrEngine.TryCreate(folder, sessions) ?? throw new InvalidOperationException($"{folder} does not hold the PP-OCRv4 files");
        var registry = DocumentReaderRegistry.CreateDefault(ocr: engine);
        foreach (var file in Files)
        {
            var path = SharedData.Find("data", "pdfs", file);
            if (path is null) continue;
            var clock = Stopwatch.StartNew();
            try
            {
                var document = await registry.ReadAsync(path);
                var words = document.Sections.SelectMany(s => s.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToList();
                var share = EnglishWordList.Share(words);
                Console.WriteLine($"{file}: {document.Sections.Count} pages with text, {words.Count / (double)document.Sections.Count:F0} words/page, " +
                    $"{(share is { } s ? s.ToString("P1", System.Globalization.CultureInfo.InvariantCulture) : "n/a")} in the English word list, " +
                    $"{clock.Elapsed.TotalSeconds / Math.Max(1, document.Sections.Count):F2} s/page");
            }
            catch (DocumentReadException ex)
            {
                Console.WriteLine($"{file}: {ex.Kind}: {ex.Message} ({clock.Elapsed.TotalSeconds:F1} s)");
            }
        }
    }
}
