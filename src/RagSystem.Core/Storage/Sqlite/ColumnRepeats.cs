using System.Globalization;

namespace RagSystem.Storage.Sqlite;

/// <summary>How many times the Lucene lexical index repeats a term of each column (the FTS5 column weights, rounded to
/// whole numbers, since a weight becomes a term frequency). They are baked into the index, so they are part of its
/// <see cref="AnalyzerId"/>: changing a weight rebuilds the index.</summary>
internal sealed record ColumnRepeats(int Title, int Heading, int Body)
{
    /// <summary>Bumped whenever what the index holds changes (analysis, fields); an index built otherwise is rebuilt.</summary>
    private const int FormatVersion = 1;

    public static ColumnRepeats From(SqliteStoreOptions options) =>
        new(Repeats(options.TitleWeight), Repeats(options.HeadingWeight), Repeats(options.BodyWeight));

    /// <summary>Names the analysis and weights the index was built with (recorded in each Lucene commit).</summary>
    public string AnalyzerId => string.Create(CultureInfo.InvariantCulture,
        $"ragsystem-lexical/{FormatVersion}/porter-unicode61-figures/title{Title}-heading{Heading}-body{Body}");

    private static int Repeats(double weight) =>
        double.IsFinite(weight) && weight >= 0
            ? (int)Math.Min(16, Math.Round(weight, MidpointRounding.AwayFromZero))
            : throw new ArgumentOutOfRangeException(nameof(weight), weight, "BM25 column weights must be finite and non-negative.");
}
