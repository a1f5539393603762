using System.Diagnostics;
using System.Globalization;
using RagSystem.Storage;

namespace RagSystem.Benchmarks;

/// <summary>A synthetic SQLite store for scale figures (100k, 1M chunks), generated once and cached under
/// <c>{temp}/ragsystem-bench/synthetic-v1-{chunks}-{dimension}/rag.db</c>, so several benchmarks (lexical, dense) measure
/// the same data. Text: documents of <see cref="ChunksPerDocument"/> chunks of <see cref="WordsPerChunk"/> words drawn
/// from a Zipf(1.07) vocabulary of <see cref="Vocabulary"/> words whose 33 most frequent are English stop-words, so
/// postings lists look like real text (a few huge, most tiny); each document has a four-word title. Vectors: random unit
/// vectors of the given dimension (0 for none), embedding model <c>random</c>. Everything is seeded: the same arguments
/// give the same store.</summary>
public static class SyntheticChunkCorpus
{
    public const int ChunksPerDocument = 50;
    public const int WordsPerChunk = 100;
    public const int Vocabulary = 100_000;
    private const string Version = "v1";
    private const string CompleteMarker = "complete.txt";

    /// <summary>Stop-words of both our analyzer and Lucene's EnglishAnalyzer, given the top Zipf ranks as in English text.</summary>
    private static readonly string[] StopWords =
    [
        "the", "of", "and", "to", "in", "a", "is", "that", "for", "it", "as", "with", "was", "on", "be", "by", "at", "are", "this",
        "or", "an", "not", "but", "they", "their", "there", "these", "such", "into", "will", "if", "then", "no",
    ];

    /// <summary><c>synthetic-store</c>: generates (or finds) the cached store. Arguments: [chunks] [dimension], default 1,000,000 and 0.</summary>
    public static async Task RunAsync(string[] args)
    {
        var chunks = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        var dimension = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 0;
        var database = await EnsureAsync(chunks, dimension);
        Console.WriteLine($"{database}: {GenerationNote(database)}");
    }

    /// <summary>The cached store of <paramref name="chunks"/> chunks (and vectors of <paramref name="dimension"/>, 0 for none),
    /// generated when absent or incomplete. Returns the database path; <c>complete.txt</c> beside it records how long the
    /// generation took.</summary>
    public static async Task<string> EnsureAsync(int chunks, int dimension, CancellationToken cancellationToken = default)
    {
        var folder = Path.Combine(Path.GetTempPath(), "ragsystem-bench", string.Create(CultureInfo.InvariantCulture, $"synthetic-{Version}-{chunks}-{dimension}"));
        var database = Path.Combine(folder, SqliteStoreOptions.DefaultFileName);
        if (File.Exists(Path.Combine(folder, CompleteMarker))) return database;
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        // The disk is shared: refuse up front rather than fill it. About 1.5 KB of text and FTS5 per chunk, plus the vector.
        var needed = (long)chunks * (1_600 + 4L * dimension) + (1L << 30);
        var free = new DriveInfo(Path.GetPathRoot(folder)!).AvailableFreeSpace;
        if (free < needed)
        {
            throw new IOException($"{chunks:N0} synthetic chunks need about {needed / 1e9:F1} GB free (a 1 GB margin included) in {folder}; {free / 1e9:F1} GB are.");
        }
        var stopwatch = Stopwatch.StartNew();
        // The FTS5 engine keeps the generation free of Lucene work: the benchmarks time the lexical index build themselves.
        using (var store = await SqliteChunkStore.OpenAsync(database, new SqliteStoreOptions { LexicalEngine = SqliteLexicalEngine.Fts5 }, cancellationToken: cancellationToken))
        {
            var random = new Random(20261130);
            var words = Words(random);
            var zipf = SyntheticText.ZipfSampler(Vocabulary, 1.07, random);
            for (var d = 0; d * ChunksPerDocument < chunks; d++)
            {
                var path = string.Create(CultureInfo.InvariantCulture, $"synthetic/doc{d:D6}.txt");
                var id = DocumentIds.ForPath(path);
                var title = Title(words, zipf);
                var records = Enumerable.Range(0, Math.Min(ChunksPerDocument, chunks - d * ChunksPerDocument)).Select(i =>
                {
                    var text = SyntheticText.Sentence(words, zipf, WordsPerChunk);
                    var vector = dimension > 0 ? SyntheticText.UnitVector(dimension, random) : null;
                    return new ChunkRecord(DocumentIds.ChunkId(id, "h", i), id, i, text, WordsPerChunk, null, null, [], 0, text.Length,
                        vector is null ? null : "random", vector);
                }).ToList();
                await store.UpsertDocumentAsync(new DocumentRecord(id, path, "h", 0, "text", records.Count, dimension > 0 ? "random" : null,
                    DateTimeOffset.UnixEpoch, title), records, cancellationToken);
                if (d % 2000 == 0 && d > 0) Console.Error.WriteLine($"  generated {d * ChunksPerDocument:N0} / {chunks:N0} chunks in {stopwatch.Elapsed.TotalSeconds:F0} s");
            }
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await File.WriteAllTextAsync(Path.Combine(folder, CompleteMarker),
            string.Create(CultureInfo.InvariantCulture, $"generated {chunks} chunks (dimension {dimension}) in {stopwatch.Elapsed.TotalSeconds:F0} s\n"), cancellationToken);
        return database;
    }

    /// <summary>What <c>complete.txt</c> says about the store's generation, or null.</summary>
    public static string? GenerationNote(string database)
    {
        var marker = Path.Combine(Path.GetDirectoryName(database)!, CompleteMarker);
        return File.Exists(marker) ? File.ReadAllText(marker).Trim() : null;
    }

    /// <summary><paramref name="count"/> questions drawn from the corpus's word distribution: eight words each, stop-words
    /// included (both analyzers drop them), seeded apart from the corpus.</summary>
    public static List<string> Queries(int count)
    {
        var random = new Random(20261130);
        var words = Words(random);
        var zipf = SyntheticText.ZipfSampler(Vocabulary, 1.07, new Random(7));
        return Enumerable.Range(0, count).Select(_ => SyntheticText.Sentence(words, zipf, 8)).Distinct(StringComparer.Ordinal).ToList();
    }

    private static string[] Words(Random random)
    {
        // Two to five syllables: room for a vocabulary of 100k distinct words (SyntheticText.Words stops near 70k).
        string[] syllables = ["ka", "lo", "mi", "ne", "ru", "ta", "vo", "shi", "pe", "do", "gra", "ste", "qui", "bel", "zor", "an"];
        var words = new HashSet<string>(StopWords, StringComparer.Ordinal);
        var ordered = new List<string>(StopWords);
        while (ordered.Count < Vocabulary)
        {
            var length = 2 + random.Next(4);
            var word = string.Concat(Enumerable.Range(0, length).Select(_ => syllables[random.Next(syllables.Length)]));
            if (words.Add(word)) ordered.Add(word);
        }
        return [.. ordered];
    }

    private static string Title(string[] words, Func<int> zipf)
    {
        var title = new List<string>(4);
        while (title.Count < 4)
        {
            var rank = zipf();
            if (rank >= StopWords.Length) title.Add(words[rank]);
        }
        return string.Join(' ', title);
    }
}
