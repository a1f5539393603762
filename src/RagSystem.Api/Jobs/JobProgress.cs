namespace RagSystem.Api.Jobs;

/// <summary>How far a job has come.</summary>
/// <param name="FilesTotal">Files found (0 until the walk is done).</param>
/// <param name="FilesDone">Files settled: stored, unchanged or failed.</param>
/// <param name="ChunksWritten">Chunks written so far.</param>
/// <param name="CurrentFile">The file settled last, or null.</param>
public sealed record JobProgress(int FilesTotal, int FilesDone, int ChunksWritten, string? CurrentFile)
{
    /// <summary>Nothing done yet.</summary>
    public static JobProgress None { get; } = new(0, 0, 0, null);

    /// <summary>Share of files settled, 0..1.</summary>
    public double Fraction => FilesTotal == 0 ? 0 : Math.Round((double)FilesDone / FilesTotal, 4);
}
