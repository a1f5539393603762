using RagSystem.Chunking;
using RagSystem.Documents;
using RagSystem.Ingestion;
using RagSystem.Testing;

namespace RagSystem.Core.Tests.Ingestion;

public sealed class DocumentPreparerTests
{
    [Theory]
    [InlineData("notes/q2-results.txt", "Revenue grew in the second quarter.", "q2-results")]
    [InlineData("guide.md", "# Install guide\n\nRun the installer.", "Install guide")]
    public async Task Every_prepared_document_has_a_title(string relativePath, string content, string expectedTitle)
    {
        using var dir = new TempDirectory();
        var fullPath = Path.Combine(dir.Path, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        await File.WriteAllTextAsync(fullPath, content, TestContext.Current.CancellationToken);
        var preparer = new DocumentPreparer(DocumentReaderRegistry.CreateDefault(), new TextChunker(WordTokenCounter.Instance), new IngestionOptions());

        var result = await preparer.PrepareAsync(DocumentInput.FromFile(fullPath, relativePath), RagSystem.Storage.DocumentIds.ForPath(relativePath), null, null,
            retryFailed: false, embeddingModel: null, TestContext.Current.CancellationToken);

        Assert.Null(result.Failure);
        Assert.Equal(expectedTitle, result.Document!.Title);
    }
}
