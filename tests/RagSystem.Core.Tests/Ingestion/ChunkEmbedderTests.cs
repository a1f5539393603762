using RagSystem.Ingestion;

namespace RagSystem.Core.Tests.Ingestion;

public sealed class ChunkEmbedderTests
{
    [Fact]
    public void The_title_and_the_heading_path_go_in_front_of_the_text()
    {
        Assert.Equal("NVIDIA Form 10-Q\nPart I > Revenue by segment\n\nData Center | 14,514",
            ChunkEmbedder.TextForEmbedding("NVIDIA Form 10-Q", ["Part I", "Revenue by segment"], "Data Center | 14,514"));
    }

    [Fact]
    public void Nothing_the_text_or_path_already_holds_is_repeated()
    {
        // The section starts with its own heading: only the enclosing path is added.
        Assert.Equal("Guide\nSetup\n\nInstall\n\nRun the installer.",
            ChunkEmbedder.TextForEmbedding("Guide", ["Setup", "Install"], "Install\n\nRun the installer."));
        // A Markdown title is also the outermost heading.
        Assert.Equal("Guide > Intro\n\nText.", ChunkEmbedder.TextForEmbedding("Guide", ["Guide", "Intro"], "Text."));
        Assert.Equal("Guide opens here.", ChunkEmbedder.TextForEmbedding("Guide", [], "Guide opens here."));
        Assert.Equal("Plain.", ChunkEmbedder.TextForEmbedding(null, [], "Plain."));
    }
}
