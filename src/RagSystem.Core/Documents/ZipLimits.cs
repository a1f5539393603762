namespace RagSystem.Documents;

/// <summary>How far a zip-based document (DOCX) may expand when decompressed. Checked from the archive's directory before
/// anything is inflated, then while inflating (a zip can understate its sizes), so a zip bomb is refused with a clear
/// reason instead of filling memory.</summary>
public sealed record ZipLimits
{
    /// <summary>Largest decompressed size of one entry. Default 64 MB (the body of a several-thousand-page document).</summary>
    public long MaxEntryBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Largest decompressed size of all entries together. Default 256 MB.</summary>
    public long MaxTotalBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>Largest ratio of decompressed to compressed size for an entry over <see cref="RatioCheckFromBytes"/>.
    /// Default 100: Word XML compresses 5–30 times, deflate's own ceiling is about 1000.</summary>
    public double MaxCompressionRatio { get; init; } = 100;

    /// <summary>Entries smaller than this when decompressed are never refused for their ratio. Default 1 MB.</summary>
    public long RatioCheckFromBytes { get; init; } = 1024 * 1024;

    /// <summary>Most entries an archive may hold. Default 10,000.</summary>
    public int MaxEntries { get; init; } = 10_000;
}
