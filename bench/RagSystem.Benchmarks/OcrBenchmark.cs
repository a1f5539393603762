using System.Diagnostics;
using RagSystem.Ocr;
using RagSystem.Onnx;
using RagSystem.Testing;
using RagSystem.Testing.Ocr;

namespace RagSystem.Benchmarks;

/// <summary>OCR accuracy and speed on pages rendered from known text: PP-OCRv4 on ONNX Runtime against Tesseract
/// (Debian's <c>tesseract-ocr</c>, when installed) on the same images in the same run.
/// Usage: <c>ocr [model-folder] [--groups clean300,clean150,noisy,twocolumn,table] [--no-space-recovery]</c>; default
/// folder <c>../shared/models/ocr/pp-ocrv4</c>, all groups, <see cref="OcrOptions.RecoverDroppedSpaces"/> on.</summary>
internal static class OcrBenchmark
{
    private sealed record Sample(string Group, string FontFile, float PointSize, int Dpi, Func<RenderedTextPage> Render);

    public static async Task RunAsync(string[] args)
    {
        var groupsAt = Array.IndexOf(args, "--groups");
        var groups = groupsAt >= 0 && groupsAt + 1 < args.Length ? args[groupsAt + 1].Split(',').ToHashSet(StringComparer.OrdinalIgnoreCase) : null;
        var options = new OcrOptions { RecoverDroppedSpaces = !args.Contains("--no-space-recovery") };
        var positional = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (groupsAt < 0 || i != groupsAt + 1)).ToArray();
        var folder = positional.Length > 0 ? positional[0] : SharedData.Find("models", "ocr", "pp-ocrv4");
        var fonts = TextPageRenderer.InstalledFonts();
        if (folder is null || fonts.Count == 0)
        {
            Console.WriteLine("needs the PP-OCRv4 folder (../shared/models/ocr/pp-ocrv4 or an argument) and the DejaVu fonts");
            return;
        }
        using var sessions = new OnnxSessionFactory();
        var engine = PaddleOcrEngine.TryCreate(folder, sessions, options) ?? throw new InvalidOperationException($"{folder} does not hold the PP-OCRv4 files");
        var tesseract = FindTesseract();
        using var temp = new TempDirectory();
        var samples = Samples(fonts).Where(s => groups is null || groups.Contains(s.Group)).ToList();
        Console.WriteLine($"{samples.Count} pages; Tesseract: {tesseract ?? "not installed"}; {Environment.ProcessorCount} cores; " +
            $"dropped-space recovery {(options.RecoverDroppedSpaces ? "on" : "off")}; load average {LoadAverage()}");
        Console.WriteLine($"{"group",-10} {"font",-26} {"pt",4} {"dpi",4}  {"ours CER",8} {"WER",6} {"det s",6} {"rec s",6}  {"tess CER",8} {"WER",6} {"tess s",6}");

        var rows = new List<(string Group, double Cer, double Wer, double Det, double Rec, double TessCer, double TessWer, double TessSeconds)>();
        var warmup = TextPageRenderer.Render(new TextPageSpec(OcrSampleText.Paragraphs.Take(1).ToArray(), fonts[0], 11, 150, HeightInches: 2));
        await engine.RecognizeAsync(OcrImageDecoder.Decode(warmup.Encoded, long.MaxValue));
        foreach (var sample in samples)
        {
            var page = sample.Render();
            var image = OcrImageDecoder.Decode(page.Encoded, long.MaxValue);
            var result = await engine.RecognizeAsync(image);
            var (tessText, tessSeconds) = tesseract is null ? ("", double.NaN) : await RunTesseractAsync(tesseract, temp, page);
            var row = (sample.Group, OcrErrorRates.CharacterErrorRate(page.Text, result.Text), OcrErrorRates.WordErrorRate(page.Text, result.Text),
                result.Timings.Detection.TotalSeconds, (result.Timings.Orientation + result.Timings.Recognition).TotalSeconds,
                tesseract is null ? double.NaN : OcrErrorRates.CharacterErrorRate(page.Text, tessText),
                tesseract is null ? double.NaN : OcrErrorRates.WordErrorRate(page.Text, tessText), tessSeconds);
            rows.Add(row);
            Console.WriteLine($"{row.Group,-10} {Path.GetFileNameWithoutExtension(sample.FontFile),-26} {sample.PointSize,4} {sample.Dpi,4}  " +
                $"{row.Item2,8:P2} {row.Item3,6:P1} {row.Item4,6:F2} {row.Item5,6:F2}  {row.Item6,8:P2} {row.Item7,6:P1} {row.Item8,6:F2}");
        }

        Console.WriteLine();
        Console.WriteLine($"{"group",-10} {"pages",5}  {"ours CER",8} {"WER",6} {"pages/s",7} {"det %",5}  {"tess CER",8} {"WER",6} {"pages/s",7}  {"ours÷tess speed",15}");
        foreach (var group in rows.GroupBy(r => r.Group).Append(rows.GroupBy(_ => "all").Single()))
        {
            var ours = group.Sum(r => r.Det + r.Rec);
            var tess = group.Sum(r => r.TessSeconds);
            Console.WriteLine($"{group.Key,-10} {group.Count(),5}  {group.Average(r => r.Cer),8:P2} {group.Average(r => r.Wer),6:P1} {group.Count() / ours,7:F2} " +
                $"{100 * group.Sum(r => r.Det) / ours,5:F0}  {group.Average(r => r.TessCer),8:P2} {group.Average(r => r.TessWer),6:P1} {group.Count() / tess,7:F2}  {tess / ours,15:F2}");
        }
        Console.WriteLine($"load average {LoadAverage()}");
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    // 39 pages: clean 300 dpi and 150 dpi in every installed font and sizes 9–14 pt, noisy pages (±2° rotation,
    // JPEG quality 35–60), two-column pages, and a ruled table of labels and numbers.
    private static List<Sample> Samples(IReadOnlyList<string> fonts)
    {
        static Sample Text(string group, TextPageSpec spec) => new(group, spec.FontFile, spec.PointSize, spec.Dpi, () => TextPageRenderer.Render(spec));
        var samples = new List<Sample>();
        float[] sizes = [9, 10, 11, 12, 14];
        var paragraphs = OcrSampleText.Paragraphs;
        for (var i = 0; i < 12; i++)
        {
            var font = fonts[i % fonts.Count];
            var size = sizes[i % sizes.Length];
            var text = paragraphs.Skip(i % 3).Take(5).ToArray();
            samples.Add(Text("clean300", new TextPageSpec(text, font, size, 300)));
            samples.Add(Text("clean150", new TextPageSpec(text, font, size, 150)));
            var rotation = (i % 2 == 0 ? 1 : -1) * (0.5f + 1.5f * (i % 4) / 3);
            samples.Add(Text("noisy", new TextPageSpec(text, font, size, i % 2 == 0 ? 300 : 150, RotationDegrees: rotation, JpegQuality: 35 + 5 * (i % 6))));
        }
        for (var i = 0; i < 2; i++)
            samples.Add(Text("twocolumn", new TextPageSpec([.. paragraphs, .. paragraphs.Take(3)], fonts[i % fonts.Count], 10, 300, Columns: 2)));
        var table = new TablePageSpec(OcrSampleText.TableRows, fonts[0], 11, 300);
        samples.Add(new("table", table.FontFile, table.PointSize, table.Dpi, () => TablePageRenderer.Render(table)));
        return samples;
    }

    private static string? FindTesseract() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(d => Path.Combine(d, "tesseract")).FirstOrDefault(File.Exists);

    private static async Task<(string Text, double Seconds)> RunTesseractAsync(string tesseract, TempDirectory temp, RenderedTextPage page)
    {
        var input = Path.Combine(temp.Path, "page" + (page.Encoded[0] == 0xFF ? ".jpg" : ".png"));
        await File.WriteAllBytesAsync(input, page.Encoded);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(new ProcessStartInfo(tesseract, [input, "stdout", "-l", "eng"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var seconds = clock.Elapsed.TotalSeconds;
        if (process.ExitCode != 0) throw new InvalidOperationException($"tesseract failed: {await stderr}");
        return (await stdout, seconds);
    }
}
