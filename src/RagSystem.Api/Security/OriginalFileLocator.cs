using Microsoft.Extensions.Options;
using RagSystem.Api.Jobs;
using RagSystem.Ingestion;
using RagSystem.Storage;

namespace RagSystem.Api.Security;

/// <summary>Finds the original file of a stored document, for <c>GET /v1/documents/{id}/file</c>, under the same confinement
/// as ingestion (<see cref="AllowedRoots"/>). A document records only its path relative to the folder it came from; the
/// folder is found by recomputing the document's id: a folder job's id is <see cref="SourceDocumentIds.For"/> of
/// <c>folder:&lt;real folder&gt;</c> and the path, so the job folder whose id matches is the one the document came from. A
/// document of the default source (an index written by <c>rag ingest</c>) is looked for under each allowed root. Uploads
/// keep no copy of their bytes (small ones are ingested from the request, large ones from a staging folder deleted after
/// the job), so they have no original to serve.</summary>
public sealed class OriginalFileLocator(IOptions<ApiOptions> options, JobStore jobs)
{
    private const int JobPage = 500;

    /// <summary>The real path of <paramref name="document"/>'s original file.</summary>
    /// <exception cref="RagException">The recorded path leaves its folder, or resolves (through <c>..</c> or a symbolic link)
    /// outside every allowed root (<see cref="RagErrorKind.Forbidden"/>); the document is an upload, its folder is unknown,
    /// or the file is gone (<see cref="RagErrorKind.NotFound"/>).</exception>
    public async Task<string> LocateAsync(DocumentRecord document, CancellationToken cancellationToken)
    {
        var relative = document.Path.Replace('\\', '/');
        if (Path.IsPathRooted(relative) || relative.Split('/').Any(part => part == ".."))
            throw new RagException(RagErrorKind.Forbidden, $"The recorded path '{document.Path}' leaves the folder it was ingested from.");
        if (SourceDocumentIds.BelongsTo(IngestionJobExecutor.UploadSource, document.Id, document.Path))
            throw new RagException(RagErrorKind.NotFound, $"'{document.Path}' was uploaded; uploads keep no copy of the original file.");

        var roots = RealRoots();
        if (roots.Count == 0)
            throw new RagException(RagErrorKind.Forbidden, "No file may be served: the server has no allowed roots (set Rag:Api:AllowedRoots).");
        var candidates = new List<string>();
        foreach (var folder in await FolderJobPathsAsync(cancellationToken))
        {
            if (SourceDocumentIds.BelongsTo(IngestionJobExecutor.FolderSource(folder), document.Id, document.Path)) candidates.Add(folder);
        }
        if (SourceDocumentIds.BelongsTo(SourceDocumentIds.DefaultSource, document.Id, document.Path)) candidates.AddRange(roots);
        if (candidates.Count == 0)
            throw new RagException(RagErrorKind.NotFound, $"The folder '{document.Path}' was ingested from is not known to this server (no ingestion job or allowed root matches it).");

        foreach (var folder in candidates)
        {
            var real = AllowedRoots.RealPath(Path.GetFullPath(relative, folder));
            if (!roots.Any(root => AllowedRoots.IsInside(real, root)))
                throw new RagException(RagErrorKind.Forbidden, $"'{document.Path}' resolves outside the allowed roots.");
            if (File.Exists(real)) return real;
        }
        throw new RagException(RagErrorKind.NotFound, $"The original of '{document.Path}' is no longer on disk; re-ingest its folder to drop it from the index.");
    }

    private List<string> RealRoots() =>
        options.Value.AllowedRoots.Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => AllowedRoots.RealPath(Path.GetFullPath(r))).ToList();

    private async Task<IReadOnlyList<string>> FolderJobPathsAsync(CancellationToken cancellationToken)
    {
        var folders = new HashSet<string>(StringComparer.Ordinal);
        for (var offset = 0; ; offset += JobPage)
        {
            var (page, total) = await jobs.ListAsync(offset, JobPage, cancellationToken);
            foreach (var job in page.Where(j => j.Kind == JobKind.Folder)) folders.Add(job.Path);
            if (offset + JobPage >= total) return [.. folders];
        }
    }
}
