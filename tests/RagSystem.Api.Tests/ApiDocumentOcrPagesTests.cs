using System.Text.Json;
using RagSystem.Api.Contracts;
using RagSystem.Api.Hosting;
using RagSystem.Storage;

namespace RagSystem.Api.Tests;

/// <summary>The document contract exposes the cheap document-level OCR marker as <c>ocr_pages</c>.</summary>
public sealed class ApiDocumentOcrPagesTests
{
    [Fact]
    public void Ocr_pages_of_a_document_are_in_its_json_as_ocr_pages()
    {
        var options = new JsonSerializerOptions();
        ApiJson.Configure(options);
        var scan = new DocumentRecord("d1", "scans/book.pdf", "h", 10, "pdf", 3, null, DateTimeOffset.Parse("2026-01-02T03:04:05Z"), "Book", [], OcrPages: 18);

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(DocumentJson.From(scan), options));
        using var plain = JsonDocument.Parse(JsonSerializer.Serialize(DocumentJson.From(scan with { OcrPages = 0 }), options));

        Assert.Equal(18, json.RootElement.GetProperty("ocr_pages").GetInt32());
        Assert.Equal(0, plain.RootElement.GetProperty("ocr_pages").GetInt32());
    }
}
