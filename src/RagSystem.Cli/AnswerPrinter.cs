using System.Globalization;
using RagSystem.Answering;
using Spectre.Console;

namespace RagSystem.Cli;

/// <summary>Prints an answer's numbered sources after its text.</summary>
internal static class AnswerPrinter
{
    // The cited sentence is printed whole up to this length; without one, the passage's start stands in.
    private const int QuoteLength = 320;

    public static void PrintSources(RagHost host, Answer answer)
    {
        if (answer.Citations.Count == 0) return;
        host.Out.WriteLine();
        host.Out.MarkupLine("[bold]Sources[/]");
        foreach (var c in answer.Citations)
        {
            var page = c.PageStart is { } p ? (c.PageEnd is { } e && e != p ? $", pages {p}-{e}" : $", page {p}") : "";
            // The printed label is what the reader finds on the paper; the PDF page number is what a viewer jumps to.
            var label = c.PageLabel is { } l && l != c.PageStart?.ToString(CultureInfo.InvariantCulture) ? $" (printed {l})" : "";
            var heading = c.HeadingPath.Count > 0 ? $" — {string.Join(" > ", c.HeadingPath)}" : "";
            var ocr = c.OcrConfidence is { } confidence ? $" (OCR, {confidence * 100:0} %)" : "";
            host.Out.MarkupLineInterpolated($"  [bold][[{c.Number}]][/] {c.Source}{page}{label}{heading}{ocr}");
            host.Out.MarkupLineInterpolated($"      [grey]\"{Quote(c.Quote ?? c.Text)}\"[/]");
        }
        host.Out.MarkupLineInterpolated($"[grey]{answer.Mode.ToString().ToLowerInvariant()} answer · retrieval {answer.Timings.RetrievalMs:0} ms · total {answer.Timings.TotalMs:0} ms[/]");
    }

    private static string Quote(string text)
    {
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= QuoteLength ? flat : flat[..QuoteLength].TrimEnd() + "…";
    }
}
