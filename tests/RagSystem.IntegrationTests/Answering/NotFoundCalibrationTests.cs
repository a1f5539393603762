using System.Globalization;
using System.Text;
using RagSystem.Answering;
using RagSystem.Retrieval;
using RagSystem.Testing;

namespace RagSystem.IntegrationTests.Answering;

/// <summary>Calibrates the not-found rule (<see cref="EvidenceCheck"/>: <see cref="AnswererOptions.MinEvidenceCoverage"/>
/// and <see cref="AnswererOptions.MinAnchorCoverage"/>) on SciFact through the product's own path: files ingested by the
/// <c>IngestionPipeline</c> (default readers, <c>TextChunker</c>) into a <c>SqliteChunkStore</c>, retrieved by the lexical
/// <c>HybridRetriever</c>. Positives: the full SciFact corpus. Negatives: the corpus with the query's relevant abstracts
/// removed, and an off-topic corpus (the Rust book and the TLS RFCs). The table goes to the test output and to
/// $TMPDIR/rag-notfound-calibration-{split}.txt; docs/answering.md quotes it.</summary>
public sealed class NotFoundCalibrationTests
{
    private static readonly double[] CoverageThresholds = [0.25, 0.30, 0.35, 0.40, 0.45, 0.50];
    private static readonly double[] AnchorThresholds = [0, 0.5, 0.66, 1.0];

    [Theory]
    [InlineData("train")]
    [InlineData("test")]
    public async Task Default_evidence_rule_keeps_answerable_questions_and_rejects_off_topic_ones(string split)
    {
        if (SharedData.MissingReason("data", "scifact", "corpus.jsonl") is { } reason) Assert.Skip(reason);
        if (SharedData.MissingReason("data", "markdown", "rust-book", "src") is { } reason2) Assert.Skip(reason2);
        var ct = TestContext.Current.CancellationToken;
        var set = SciFactSet.Load(SharedData.Find("data", "scifact")!, split);
        var (science, offTopic) = await Indexes.Value;

        var defaults = new AnswererOptions();
        var k = defaults.EvidencePassages;
        var top = new RetrievalOptions { Top = k };
        var full = new List<(string Q, IReadOnlyList<RetrievedChunk> R)>();
        var removed = new List<(string Q, IReadOnlyList<RetrievedChunk> R)>();
        var off = new List<(string Q, IReadOnlyList<RetrievedChunk> R)>();
        var retrieved = new List<(string Q, IReadOnlyList<RetrievedChunk> R)>();
        foreach (var (id, query) in set.Queries)
        {
            var relevant = set.Relevant[id].Select(d => d + ".txt").ToHashSet();
            full.Add((query, await science.Retriever.RetrieveAsync(query, top, ct)));
            if (full[^1].R.Any(r => relevant.Contains(r.DocumentPath))) retrieved.Add(full[^1]);
            var more = await science.Retriever.RetrieveAsync(query, new RetrievalOptions { Top = k + relevant.Count }, ct);
            removed.Add((query, more.Where(r => !relevant.Contains(r.DocumentPath)).Take(k).ToList()));
            off.Add((query, await offTopic.Retriever.RetrieveAsync(query, top, ct)));
        }

        var table = Table(split, set.Queries.Count, k, full, retrieved, removed, off);
        TestContext.Current.TestOutputHelper?.WriteLine(table);
        await File.WriteAllTextAsync(Path.Combine(Path.GetTempPath(), $"rag-notfound-calibration-{split}.txt"), table, ct);

        // The anchor part of the rule costs SciFact's claims (dense with gene and protein names) about a sixth of their
        // answerable questions and buys a stricter "same topic, other fact" and off-topic rejection (docs/answering.md).
        // Measured at the defaults: 82.4 % (train) / 79.7 % (test) of questions whose abstract is retrieved pass.
        Assert.True(PassRate(retrieved, defaults) >= 0.77, $"only {PassRate(retrieved, defaults):P1} of questions whose abstract is retrieved pass the default rule");
        Assert.True(1 - PassRate(off, defaults) >= 0.90, $"only {1 - PassRate(off, defaults):P1} of off-topic questions are rejected");
        var lenient = new AnswererOptions { MinAnchorCoverage = 0 };
        Assert.True(1 - PassRate(removed, defaults) >= 1 - PassRate(removed, lenient) + 0.05,
            "the anchor terms should stop clearly more same-topic questions whose abstract was removed");

        // End to end: the real answerer over the same store agrees with the measured rates.
        var sample = set.Queries.Take(60).ToList();
        int offAnswered = 0, onAnswered = 0;
        foreach (var (_, query) in sample)
        {
            if ((await new Answerer(offTopic.Retriever, null).AskAsync(query, cancellationToken: ct)).Mode != AnswerMode.NotFound) offAnswered++;
            if ((await new Answerer(science.Retriever, null).AskAsync(query, cancellationToken: ct)).Mode == AnswerMode.Extractive) onAnswered++;
        }
        Assert.True(offAnswered <= sample.Count * 0.12, $"{offAnswered} of {sample.Count} off-topic questions were answered");
        Assert.True(onAnswered >= sample.Count * 0.70, $"only {onAnswered} of {sample.Count} answerable questions were answered");
    }

    // Both splits share the corpora; ingest them once per test run.
    private static readonly Lazy<Task<(ProductIndex Science, ProductIndex OffTopic)>> Indexes = new(async () =>
    {
        var corpus = SciFactSet.Load(SharedData.Find("data", "scifact")!, "train").Corpus;
        var scienceFolder = new TempDirectory("rag-scifact-files");
        foreach (var (id, text) in corpus) await File.WriteAllTextAsync(Path.Combine(scienceFolder.Path, id + ".txt"), text);
        var offFolder = new TempDirectory("rag-offtopic-files");
        CopyTree(SharedData.Find("data", "markdown", "rust-book", "src")!, Path.Combine(offFolder.Path, "rust-book"), "*.md");
        if (SharedData.Find("data", "text", "rfc-tls") is { } rfc) CopyTree(rfc, Path.Combine(offFolder.Path, "rfc-tls"), "*.txt");
        return (await ProductIndex.BuildAsync(scienceFolder.Path, CancellationToken.None),
            await ProductIndex.BuildAsync(offFolder.Path, CancellationToken.None));
    });

    private static void CopyTree(string from, string to, string pattern)
    {
        foreach (var file in Directory.EnumerateFiles(from, pattern, SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static double PassRate(List<(string Q, IReadOnlyList<RetrievedChunk> R)> runs, AnswererOptions options) =>
        runs.Count(r => EvidenceCheck.IsAnswerable(r.R, EvidenceCheck.Measure(r.Q, r.R, options), options)) / (double)runs.Count;

    private static string Table(string split, int queries, int k, List<(string, IReadOnlyList<RetrievedChunk>)> full,
        List<(string, IReadOnlyList<RetrievedChunk>)> retrieved, List<(string, IReadOnlyList<RetrievedChunk>)> removed, List<(string, IReadOnlyList<RetrievedChunk>)> off)
    {
        var s = new StringBuilder();
        s.Append(CultureInfo.InvariantCulture, $"SciFact {split}: {queries} queries; top {k} passages of the product's SQLite store (lexical)\n");
        s.Append(CultureInfo.InvariantCulture, $"{retrieved.Count} queries have a relevant abstract among the top {k}\n");
        s.Append("coverage | anchors | answerable passes | relevant in top k passes | relevant removed rejected | off-topic rejected\n");
        foreach (var anchor in AnchorThresholds)
        {
            foreach (var t in CoverageThresholds)
            {
                var o = new AnswererOptions { MinEvidenceCoverage = t, MinAnchorCoverage = anchor };
                s.Append(CultureInfo.InvariantCulture,
                    $"{t,8:F2} | {anchor,7:F1} | {PassRate(full, o),17:P1} | {PassRate(retrieved, o),24:P1} | {1 - PassRate(removed, o),25:P1} | {1 - PassRate(off, o),18:P1}\n");
            }
        }
        s.Append("all anchors, but one may be missing when the question has 3 or more (MissingAnchorAllowance = 1):\n");
        foreach (var t in CoverageThresholds)
        {
            var o = new AnswererOptions { MinEvidenceCoverage = t, MinAnchorCoverage = 1, MissingAnchorAllowance = 1 };
            s.Append(CultureInfo.InvariantCulture,
                $"{t,8:F2} | {"all-1",7} | {PassRate(full, o),17:P1} | {PassRate(retrieved, o),24:P1} | {1 - PassRate(removed, o),25:P1} | {1 - PassRate(off, o),18:P1}\n");
        }
        return s.ToString();
    }
}
