using System.Diagnostics;
using System.IO.Compression;
using RagSystem.Documents;
using RagSystem.Testing;

namespace RagSystem.Core.Tests.Documents;

/// <summary>Readers refuse hostile input quickly, with a reason, and without inflating it into memory.</summary>
public sealed class HostileDocumentTests
{
    private readonly DocumentReaderRegistry _registry = DocumentReaderRegistry.CreateDefault();

    [Fact]
    public async Task Hostile_docx_zip_bomb_is_refused_before_it_is_inflated()
    {
        using var folder = new TempDirectory("rag-bomb");
        var path = Path.Combine(folder.Path, "bomb.docx");
        HostileFiles.WriteZipBombDocx(path, 300L << 20);
        Assert.True(new FileInfo(path).Length < 2 << 20, "the bomb should be small on disk");

        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var error = await Assert.ThrowsAsync<DocumentReadException>(() => _registry.ReadAsync(path, TestContext.Current.CancellationToken));
        var allocatedMb = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (1024.0 * 1024);

        Assert.Equal(DocumentFailureKind.TooLarge, error.Kind);
        Assert.Contains("too large when decompressed", error.Message);
        Assert.Contains("word/document.xml", error.Message);
        Assert.True(allocatedMb < 32, $"{allocatedMb:0} MB allocated while refusing a 300 MB bomb");
    }

    [Fact]
    public async Task Hostile_docx_that_understates_its_size_is_caught_while_inflating()
    {
        // 4 MB of spaces that the zip claims are 1,000 bytes: the directory check passes, the counting inflate does not.
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var body = zip.CreateEntry("word/document.xml").Open();
            body.Write(new byte[4 << 20].Select(_ => (byte)' ').ToArray());
        }
        var bytes = stream.ToArray();
        PatchSizes(bytes, 1000);

        var error = await Assert.ThrowsAsync<DocumentReadException>(() => new DocxReader().ReadAsync(new MemoryStream(bytes), "liar.docx", TestContext.Current.CancellationToken));
        Assert.True(error.Kind is DocumentFailureKind.TooLarge or DocumentFailureKind.Corrupt, error.Message);
    }

    [Fact]
    public async Task Hostile_html_nesting_is_cut_off_in_well_under_a_second_and_ordinary_nesting_still_reads()
    {
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<DocumentReadException>(() => Read(HostileFiles.NestedHtml(100_000), "deep.html"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Equal(DocumentFailureKind.Corrupt, error.Kind);
        Assert.Contains("nests HTML elements more than 1000 deep", error.Message);

        var ordinary = await Read(HostileFiles.NestedHtml(300), "ordinary.html");
        Assert.Contains("Deep text.", DocumentAssertions.AllText(ordinary));
    }

    [Fact]
    public async Task Hostile_markdown_list_markers_are_cut_off_and_ordinary_lists_still_read()
    {
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<DocumentReadException>(() => Read(HostileFiles.NestedMarkdownListMarkers(10 << 20), "markers.md"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.Contains("nests lists or quotes more than 64 levels deep (line 3)", error.Message);

        var nested = string.Join('\n', Enumerable.Range(0, 12).Select(i => new string(' ', 2 * i) + $"- level {i}"));
        var ordinary = await Read("# Lists\n\n" + nested + "\n\n> quoted\n> > twice", "ordinary.md");
        Assert.Contains("level 11", DocumentAssertions.AllText(ordinary));
    }

    [Theory]
    [InlineData("noise.html", "HTML")]
    [InlineData("noise.md", "Markdown")]
    [InlineData("noise.txt", "text")]
    public async Task Hostile_random_bytes_under_a_known_extension_are_not_a_valid_file_of_that_format(string name, string format)
    {
        var bytes = new byte[64 * 1024];
        new Random(14).NextBytes(bytes);
        var error = await Assert.ThrowsAsync<DocumentReadException>(() => _registry.ReadAsync(new MemoryStream(bytes), name, TestContext.Current.CancellationToken));
        Assert.Equal(DocumentFailureKind.Corrupt, error.Kind);
        Assert.Contains($"is not a valid {format} file: its content is binary data", error.Message);
        Assert.DoesNotContain("unsupported", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    private Task<Document> Read(string text, string name) =>
        _registry.ReadAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)), name, TestContext.Current.CancellationToken);

    // Overwrites the uncompressed size in the local header (offset 22) and the central directory entry (offset 24).
    private static void PatchSizes(byte[] zip, uint size)
    {
        var sizeBytes = BitConverter.GetBytes(size);
        sizeBytes.CopyTo(zip, 22);
        var central = zip.AsSpan().IndexOf("PK\x01\x02"u8);
        sizeBytes.CopyTo(zip, central + 24);
    }
}
