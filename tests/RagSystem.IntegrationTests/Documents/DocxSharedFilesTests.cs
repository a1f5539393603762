using RagSystem.Documents;
using RagSystem.Testing;

namespace RagSystem.IntegrationTests.Documents;

/// <summary>Every DOCX in ../shared/data/docx yields text containing the words MANIFEST.tsv lists, or fails with the
/// specific kind its description calls for.</summary>
[Collection(nameof(DocumentReaderFiles))]
public sealed class DocxSharedFilesTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, DocumentFailureKind> ExpectedFailures = new()
    {
        ["poi__bug53475-password-is-pass.docx"] = DocumentFailureKind.Encrypted,
        ["poi__truncated62886.docx"] = DocumentFailureKind.Corrupt,
        ["poi__clusterfuzz-testcase-minimized-POIXWPFFuzzer-4959857092198400.docx"] = DocumentFailureKind.Corrupt,
        ["mammoth__empty.docx"] = DocumentFailureKind.Empty,
        // Its two tables have only empty cells.
        ["pydocx__tbl-having-tables.docx"] = DocumentFailureKind.Empty,
    };

    [Fact]
    public async Task EveryDocxYieldsItsWordsOrFailsWithItsExpectedKind()
    {
        if (SharedData.MissingReason("data", "docx", "MANIFEST.tsv") is { } reason) Assert.Skip(reason);
        var folder = SharedData.Find("data", "docx")!;
        var manifest = new ManifestTable(Path.Combine(folder, "MANIFEST.tsv"));
        var registry = DocumentReaderRegistry.CreateDefault();
        var problems = new List<string>();
        foreach (var path in Directory.GetFiles(folder, "*.docx").Order(StringComparer.Ordinal))
        {
            var outcome = await ReadOutcome.ReadAsync(registry, path);
            output.WriteLine($"{outcome.Elapsed.TotalSeconds,6:F1}s  {outcome.File,-75} {outcome.Summary}");
            if (ExpectedFailures.TryGetValue(outcome.File, out var kind))
            {
                if (outcome.Failure?.Kind != kind) problems.Add($"{outcome.File}: expected {kind}, got {outcome.Summary}");
                continue;
            }
            if (outcome.Document is null)
            {
                problems.Add($"{outcome.File}: expected text, got {outcome.Summary}");
                continue;
            }
            var text = string.Join("\n\n", outcome.Document.Sections.Select(s => s.Text));
            var missing = ManifestWords(manifest.Get(outcome.File, "check")).Where(w => !text.Contains(w, StringComparison.Ordinal)).ToList();
            if (missing.Count > 0) problems.Add($"{outcome.File}: words from MANIFEST missing: {string.Join(", ", missing)}");
        }
        Assert.Empty(problems);
    }

    [Fact]
    public async Task TrackedChangesKeepInsertionsAndDropDeletions()
    {
        if (SharedData.MissingReason("data", "docx", "poi__delins.docx") is { } reason) Assert.Skip(reason);
        var document = await DocumentReaderRegistry.CreateDefault().ReadAsync(SharedData.Find("data", "docx", "poi__delins.docx")!);
        var text = string.Join("\n\n", document.Sections.Select(s => s.Text));
        output.WriteLine(text[..Math.Min(600, text.Length)]);
        Assert.Contains("Nepalese", text);
    }

    [Fact]
    public async Task HeadingsBecomeHeadingPaths()
    {
        if (SharedData.MissingReason("data", "docx", "poi__heading123.docx") is { } reason) Assert.Skip(reason);
        var document = await DocumentReaderRegistry.CreateDefault().ReadAsync(SharedData.Find("data", "docx", "poi__heading123.docx")!);
        foreach (var section in document.Sections) output.WriteLine($"[{string.Join(" > ", section.HeadingPath)}] {section.Text[..Math.Min(60, section.Text.Length)]}");
        Assert.Contains(document.Sections, s => s.HeadingPath.Count >= 3);
    }

    [Fact]
    public async Task FootnotesTextBoxesAndTablesAreRead()
    {
        foreach (var (file, word) in new[] { ("mammoth__footnotes.docx", "Ouch"), ("mammoth__endnotes.docx", "Ouch"), ("mammoth__text-box.docx", "Datum plane"), ("mammoth__tables.docx", "Top left | Top right") })
        {
            if (SharedData.MissingReason("data", "docx", file) is { } reason) Assert.Skip(reason);
            var document = await DocumentReaderRegistry.CreateDefault().ReadAsync(SharedData.Find("data", "docx", file)!);
            Assert.Contains(document.Sections, s => s.Text.Contains(word, StringComparison.Ordinal));
        }
    }

    // The "check" column quotes the first 70 characters of python-docx's paragraph text; its last word may be cut.
    private static IEnumerable<string> ManifestWords(string check)
    {
        var start = check.IndexOf('\'');
        var end = check.LastIndexOf('\'');
        if (start < 0 || end <= start) return [];
        var quoted = check[(start + 1)..end];
        var words = quoted.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (quoted.Length >= 70 && words.Count > 0) words.RemoveAt(words.Count - 1);
        return words;
    }
}
