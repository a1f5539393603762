using RagSystem.Storage;
using RagSystem.Testing;
using static RagSystem.Core.Tests.Storage.StoreSamples;

namespace RagSystem.Core.Tests.Cli;

/// <summary><c>rag ask</c> marks a source read by OCR with its confidence, and shows a printed page label that differs
/// from the PDF page number.</summary>
[Collection(ConsoleCaptureCollection.Name)]
public sealed class AnswerProvenancePrintTests
{
    [Fact]
    public async Task Ocr_source_is_printed_with_its_confidence_and_printed_page_label()
    {
        using var data = new TempDirectory("rag-cli-ocr");
        using (var store = await SqliteChunkStore.OpenAsync(Path.Combine(data.Path, SqliteStoreOptions.DefaultFileName),
            cancellationToken: TestContext.Current.CancellationToken))
        {
            var doc = Document("scan.pdf") with { Format = "pdf", OcrPages = 1 };
            await store.UpsertDocumentAsync(doc,
                [Chunk(doc, 0, "Phonetic segments carry no meaning of their own, as Jakobson remarked about the genetic code.", page: 12)
                    with { PageLabel = "247", OcrConfidence = 0.931 }],
                TestContext.Current.CancellationToken);
        }

        var (code, output, err) = await ConsoleCapture.RunAsync("ask", "What did Jakobson remark about the genetic code?", "--data", data.Path,
            "--models", Path.Combine(data.Path, "no-models"));

        Assert.True(code == 0, err);
        var flat = output.Replace("\n", " ", StringComparison.Ordinal);
        Assert.Contains("scan.pdf, page 12 (printed 247)", flat);
        Assert.Contains("(OCR, 93 %)", flat);
    }
}
