namespace RagSystem.Ingestion;

/// <summary>Limits and throughput settings of the ingestion pipeline.</summary>
public sealed class IngestionOptions
{
    /// <summary>Files larger than this are reported as too large and skipped; no file is ever read past this many bytes, whatever
    /// the file system says its length is (devices, procfs, growing files). Default 200 MB.</summary>
    public long MaxFileBytes { get; set; } = 200L * 1024 * 1024;

    /// <summary>Follow symlinks whose target lies outside the ingested folder. Default false: such links are reported and
    /// skipped, so a link cannot pull <c>/etc</c> or a home folder into the index. Links inside the folder are always followed
    /// (to files; a linked folder inside the root is read under its real path), and loops are never followed.</summary>
    public bool FollowSymlinksOutsideRoot { get; set; }

    /// <summary>Reading one file may take at most this long before it is reported as timed out, plus
    /// <see cref="PerOcrPageTimeout"/> for each page the reader sends to OCR. Default 2 minutes.</summary>
    public TimeSpan PerFileTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Extra reading time allowed for each page (or image) a file sends to OCR, so a long scan is not failed as timed
    /// out while a stuck parse still is. Default 1 minute: a 300-dpi page takes a few seconds on 2 idle cores, and an 18-page
    /// scanned chapter took 665 s (37 s a page) on a 2-core machine shared with other builds.</summary>
    public TimeSpan PerOcrPageTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Files parsed concurrently. Default: half the processors, at least 1.</summary>
    public int ParallelReaders { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>Chunks embedded per model call. Default 32.</summary>
    public int EmbeddingBatchSize { get; set; } = 32;

    /// <summary>Capacity of each bounded channel between stages, in documents. Default 8.</summary>
    public int ChannelCapacity { get; set; } = 8;
}
