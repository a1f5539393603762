using Microsoft.Extensions.DependencyInjection;
using RagSystem.Documents;

namespace RagSystem.Core.Tests.Documents;

public sealed class DocumentReaderServiceCollectionExtensionsTests
{
    [Fact]
    public void RegistryResolvesWithAllReadersAndThePdfPassword()
    {
        using var provider = new ServiceCollection()
            .AddLogging()
            .AddDocumentReaders(pdf => pdf.Password = "secret")
            .BuildServiceProvider();

        var registry = provider.GetRequiredService<DocumentReaderRegistry>();
        Assert.Equal(["pdf", "docx", "html", "markdown", "text"], registry.Readers.Select(r => r.Format));
        Assert.Equal("secret", provider.GetRequiredService<PdfReaderOptions>().Password);
        Assert.True(registry.CanRead("a.PDF"));
        Assert.False(registry.CanRead("a.exe"));
    }
}
