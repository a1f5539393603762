using RagSystem.Ingestion;

namespace RagSystem.Api.Jobs;

/// <summary>Does the work of one job with the ingestion pipeline: brings a folder up to date, or ingests staged uploads.</summary>
public sealed class IngestionJobExecutor(IngestionPipeline pipeline, RagOptions options)
{
    /// <summary>Runs <paramref name="job"/> to the end, reporting progress.</summary>
    public async Task<IngestionReport> ExecuteAsync(IngestionJob job, IProgress<IngestionProgress> progress, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(job.Path))
            throw new RagException(RagErrorKind.NotFound, $"The folder '{job.Path}' no longer exists.");
        return await pipeline.RunAsync(job.Path, progress, excludedDirectory: options.DataDirectory, cancellationToken);
    }
}
