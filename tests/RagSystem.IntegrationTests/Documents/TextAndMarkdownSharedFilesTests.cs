using RagSystem.Documents;
using RagSystem.Testing;

namespace RagSystem.IntegrationTests.Documents;

/// <summary>The Rust book chapters and the RFC / Gutenberg text files all read, with consistent offsets.</summary>
[Collection(nameof(DocumentReaderFiles))]
public sealed class TextAndMarkdownSharedFilesTests(ITestOutputHelper output)
{
    [Fact]
    public async Task RustBookChaptersReadWithHeadingPaths()
    {
        if (SharedData.MissingReason("data", "markdown", "rust-book", "src") is { } reason) Assert.Skip(reason);
        var registry = DocumentReaderRegistry.CreateDefault();
        var files = Directory.GetFiles(SharedData.Find("data", "markdown", "rust-book", "src")!, "*.md", SearchOption.AllDirectories);
        int documents = 0, sections = 0, failures = 0;
        foreach (var file in files)
        {
            var outcome = await ReadOutcome.ReadAsync(registry, file);
            if (outcome.Document is null)
            {
                failures++;
                output.WriteLine($"{outcome.File}: {outcome.Summary}");
                Assert.NotNull(outcome.Failure);
                continue;
            }
            documents++;
            sections += outcome.Document.Sections.Count;
            AssertOffsets(outcome.Document);
            Assert.DoesNotContain("```", outcome.Document.Sections[0].Text);
        }
        output.WriteLine($"{documents} chapters read into {sections} sections; {failures} failed");
        Assert.True(documents >= files.Length - 2);

        var installation = await registry.ReadAsync(Path.Combine(SharedData.Find("data", "markdown", "rust-book", "src")!, "ch01-01-installation.md"), TestContext.Current.CancellationToken);
        Assert.Contains(installation.Sections, s => s.HeadingPath.SequenceEqual(["Installation", "Installing rustup on Linux or macOS"]));
    }

    [Fact]
    public async Task RfcsAndNovelReadAsPlainText()
    {
        if (SharedData.MissingReason("data", "text") is { } reason) Assert.Skip(reason);
        var registry = DocumentReaderRegistry.CreateDefault();
        foreach (var file in Directory.GetFiles(SharedData.Find("data", "text")!, "*.txt", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var outcome = await ReadOutcome.ReadAsync(registry, file);
            output.WriteLine($"{outcome.Elapsed.TotalSeconds,5:F1}s {outcome.File,-40} {outcome.Summary}");
            Assert.NotNull(outcome.Document);
            AssertOffsets(outcome.Document);
        }
        var rfc = await registry.ReadAsync(Path.Combine(SharedData.Find("data", "text")!, "rfc-tls", "rfc8446.txt"), TestContext.Current.CancellationToken);
        Assert.Contains(rfc.Sections, s => s.Text.Contains("The Transport Layer Security (TLS) Protocol Version 1.3", StringComparison.Ordinal));
    }

    private static void AssertOffsets(Document document)
    {
        var expected = 0;
        foreach (var section in document.Sections)
        {
            Assert.Equal(expected, section.Offset);
            Assert.False(string.IsNullOrWhiteSpace(section.Text));
            expected += section.Text.Length + 2;
        }
    }
}
