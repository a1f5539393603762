using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace RagSystem.Documents;

/// <summary>Registers the document readers and their registry.</summary>
public static class DocumentReaderServiceCollectionExtensions
{
    /// <summary>Adds the built-in readers (PDF, DOCX, HTML, Markdown, plain text) as <see cref="IDocumentReader"/>s and a
    /// <see cref="DocumentReaderRegistry"/> over every registered reader. Readers added before this call come first
    /// and so win for the names they accept.</summary>
    public static IServiceCollection AddDocumentReaders(this IServiceCollection services, Action<PdfReaderOptions>? configurePdf = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var pdfOptions = new PdfReaderOptions();
        configurePdf?.Invoke(pdfOptions);
        services.TryAddSingleton(pdfOptions);
        services.AddSingleton<IDocumentReader>(sp => new PdfReader(sp.GetRequiredService<PdfReaderOptions>(), sp.GetService<ILogger<PdfReader>>()));
        services.AddSingleton<IDocumentReader, DocxReader>();
        services.AddSingleton<IDocumentReader, HtmlReader>();
        services.AddSingleton<IDocumentReader, MarkdownReader>();
        services.AddSingleton<IDocumentReader, PlainTextReader>();
        services.TryAddSingleton(sp => new DocumentReaderRegistry(
            sp.GetServices<IDocumentReader>(), sp.GetService<ILogger<DocumentReaderRegistry>>()));
        return services;
    }
}
