using RagSystem.Ingestion;

namespace RagSystem.Api.Jobs;

/// <summary>Does the work of one job with the ingestion pipeline. A folder job syncs the folder as its own source (named by
/// its real path), so jobs on different folders never delete each other's documents; an upload job ingests its staged
/// files into the <see cref="UploadSource"/> source and then deletes the staging folder.</summary>
public sealed class IngestionJobExecutor(IServiceProvider services, RagOptions options)
{
    /// <summary>The source uploaded documents belong to.</summary>
    public const string UploadSource = "uploads";

    /// <summary>The folder under the data directory where large uploads wait for their job.</summary>
    public string StagingRoot => Path.Combine(options.DataDirectory, "uploads");

    /// <summary>The source name of a folder job.</summary>
    public static string FolderSource(string folder) => "folder:" + folder;

    /// <summary>Runs <paramref name="job"/> to the end, reporting progress.</summary>
    public async Task<IngestionReport> ExecuteAsync(IngestionJob job, IProgress<IngestionProgress> progress, CancellationToken cancellationToken)
    {
        // Resolved here, not at start: the pipeline opens the encoder, and a broken model must fail a job (and the readiness
        // probe), not keep the whole service from starting.
        var pipeline = services.GetRequiredService<IngestionPipeline>();
        if (!Directory.Exists(job.Path))
            throw new RagException(RagErrorKind.NotFound, $"The folder '{job.Path}' no longer exists.");
        if (job.Kind == JobKind.Folder)
        {
            var run = new IngestionRunOptions { Source = FolderSource(job.Path), ExcludedDirectory = options.DataDirectory };
            return await pipeline.SyncFolderAsync(job.Path, run, progress, cancellationToken);
        }
        var inputs = Directory.EnumerateFiles(job.Path).Order(StringComparer.Ordinal)
            .Select(f => DocumentInput.FromFile(f, Path.GetFileName(f))).ToList();
        var report = await pipeline.IngestAsync(inputs, new IngestionRunOptions { Source = UploadSource, Tags = job.Tags }, progress, cancellationToken);
        Directory.Delete(job.Path, recursive: true);
        return report;
    }
}
