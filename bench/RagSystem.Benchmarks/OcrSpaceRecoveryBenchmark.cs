using System.Text.RegularExpressions;
using RagSystem.Ocr;
using RagSystem.Onnx;
using RagSystem.Testing;
using RagSystem.Testing.Ocr;

namespace RagSystem.Benchmarks;

/// <summary>Dropped-space recovery (<see cref="OcrOptions.RecoverDroppedSpaces"/>) off and on, on text other than the
/// <c>ocr</c> benchmark's (though the threshold was lowered to 0.02 after looking at one page of it): paragraphs 100–159 (of those over 250 characters) of the shared
/// Gutenberg <i>Pride and Prejudice</i>, four per page, 7-inch pages at 150 dpi turned and saved as JPEG, 150 dpi clean
/// and 300 dpi clean in turn. Each page is read by two engines that differ only in that option.
/// Usage: <c>ocr-spaces [pages] [model-folder]</c>; default 12 pages.</summary>
internal static class OcrSpaceRecoveryBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        var pages = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 12;
        var folder = args.Length > 1 ? args[1] : SharedData.Find("models", "ocr", "pp-ocrv4");
        var novel = SharedData.Find("data", "text", "gutenberg", "1342-0_pride_and_prejudice.txt");
        var fonts = TextPageRenderer.InstalledFonts();
        if (folder is null || novel is null || fonts.Count == 0)
        {
            Console.WriteLine("needs the PP-OCRv4 folder, ../shared/data/text/gutenberg/1342-0_pride_and_prejudice.txt and the DejaVu fonts");
            return;
        }
        using var sessions = new OnnxSessionFactory();
        var on = PaddleOcrEngine.TryCreate(folder, sessions) ?? throw new InvalidOperationException($"{folder} does not hold the PP-OCRv4 files");
        var off = PaddleOcrEngine.TryCreate(folder, sessions, new OcrOptions { RecoverDroppedSpaces = false })!;
        var paragraphs = Regex.Split(await File.ReadAllTextAsync(novel), @"\n\s*\n")
            .Select(p => Regex.Replace(p, @"\s+", " ").Trim().Replace("_", ""))
            .Where(p => p.Length > 250 && char.IsLetter(p[0]) && !p.Contains('['))
            .Skip(100).Take(60).ToArray();
        float[] sizes = [9, 10, 11, 12, 14];
        var totals = new Dictionary<string, (double Cer, double Wer, int Pages)>();
        for (var i = 0; i < pages; i++)
        {
            var text = paragraphs.Skip(3 * i % Math.Max(1, paragraphs.Length - 4)).Take(4).ToArray();
            var (group, spec) = (i % 3) switch
            {
                0 => ("noisy150", new TextPageSpec(text, fonts[i % fonts.Count], sizes[(i + 2) % 5], 150,
                    RotationDegrees: (i % 2 == 0 ? 1 : -1) * (0.7f + 0.3f * (i % 4)), JpegQuality: 35 + 3 * (i % 7), HeightInches: 7)),
                1 => ("clean150", new TextPageSpec(text, fonts[(i + 1) % fonts.Count], sizes[(i + 1) % 5], 150, HeightInches: 7)),
                _ => ("clean300", new TextPageSpec(text, fonts[(i + 3) % fonts.Count], sizes[i % 5], 300, HeightInches: 7)),
            };
            var page = TextPageRenderer.Render(spec);
            var image = OcrImageDecoder.Decode(page.Encoded, long.MaxValue);
            foreach (var (mode, engine) in new[] { ("off", off), ("on", on) })
            {
                var result = await engine.RecognizeAsync(image);
                var cer = OcrErrorRates.CharacterErrorRate(page.Text, result.Text);
                var wer = OcrErrorRates.WordErrorRate(page.Text, result.Text);
                var key = $"{group} {mode}";
                var sum = totals.GetValueOrDefault(key);
                totals[key] = (sum.Cer + cer, sum.Wer + wer, sum.Pages + 1);
                Console.WriteLine($"{i,2} {key,-12} {Path.GetFileNameWithoutExtension(spec.FontFile),-22} {spec.PointSize,4} pt  CER {cer,7:P2}  WER {wer,6:P1}");
            }
        }
        Console.WriteLine();
        foreach (var (key, sum) in totals.OrderBy(t => t.Key, StringComparer.Ordinal))
            Console.WriteLine($"{key,-12} {sum.Pages,2} pages  CER {sum.Cer / sum.Pages,7:P2}  WER {sum.Wer / sum.Pages,6:P1}");
    }
}
