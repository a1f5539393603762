using System.Net;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using UglyToad.PdfPig;

namespace RagSystem.Core.Tests.Corpus;

/// <summary>Locates the repository's <c>corpus/</c> folder and extracts plain text from its files, independently of
/// the product's readers, so the sample corpus is checked on its own terms.</summary>
internal static partial class CorpusText
{
    public static string Folder { get; } = Locate();

    /// <summary>The text of each page of a PDF, words joined by single spaces.</summary>
    public static IReadOnlyList<string> PdfPages(string path)
    {
        using var pdf = PdfDocument.Open(path);
        return pdf.GetPages().Select(p => string.Join(' ', p.GetWords().Select(w => w.Text))).ToList();
    }

    /// <summary>The whole text of a corpus file, whitespace collapsed.</summary>
    public static string Extract(string path)
    {
        var text = Path.GetExtension(path) switch
        {
            ".pdf" => string.Join(' ', PdfPages(path)),
            ".docx" => Docx(path),
            ".html" => WebUtility.HtmlDecode(Tags().Replace(File.ReadAllText(path), " ")),
            _ => File.ReadAllText(path).Replace("**", "", StringComparison.Ordinal),
        };
        return Whitespace().Replace(text, " ");
    }

    private static string Docx(string path)
    {
        using var document = WordprocessingDocument.Open(path, false);
        return string.Join('\n', document.MainDocumentPart!.Document!.Body!.Descendants<Paragraph>().Select(p => p.InnerText));
    }

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RagSystem.sln"))) return Path.Combine(dir.FullName, "corpus");
        }
        throw new DirectoryNotFoundException("RagSystem.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
