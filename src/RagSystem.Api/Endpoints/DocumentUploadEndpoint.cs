using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using RagSystem.Api.Contracts;
using RagSystem.Api.Diagnostics;
using RagSystem.Api.Jobs;
using RagSystem.Api.Security;
using RagSystem.Documents;
using RagSystem.Ingestion;
using RagSystem.Storage;

namespace RagSystem.Api.Endpoints;

/// <summary><c>POST /v1/documents</c>: multipart upload of one or more files (form field <c>files</c>, optional <c>tags</c>).
/// Up to <see cref="ApiOptions.InlineUploadBytes"/> in total they are ingested before the reply (200); larger uploads are
/// staged under the data folder and become a job (202 + Location). Too large → 413; a type the readers do not take → 415;
/// another writer (a job, <c>rag ingest</c>) busy for longer than <see cref="ApiOptions.WriterWait"/> → 503 with
/// <c>Retry-After</c>.</summary>
public static class DocumentUploadEndpoint
{
    /// <summary>Maps the upload onto the documents group.</summary>
    public static RouteGroupBuilder MapDocumentUpload(this RouteGroupBuilder documents)
    {
        documents.MapPost("/", UploadAsync)
            .WithName("UploadDocuments").WithSummary("Uploads files: small uploads are ingested before the reply (200), large ones become a job (202)")
            .WithMetadata(RequiresWriteAccess.Instance)
            .DisableAntiforgery()
            .Accepts<DocumentUploadForm>("multipart/form-data")
            .Produces<UploadResult>(StatusCodes.Status200OK).Produces<IngestionJob>(StatusCodes.Status202Accepted)
            .Produces<ProblemDetails>(StatusCodes.Status400BadRequest).Produces<ProblemDetails>(StatusCodes.Status413PayloadTooLarge)
            .Produces<ProblemDetails>(StatusCodes.Status415UnsupportedMediaType)
            .Produces<ProblemDetails>(StatusCodes.Status503ServiceUnavailable);
        return documents;
    }

    private static async Task<IResult> UploadAsync(HttpContext context, IOptions<ApiOptions> api, IngestionPipeline pipeline, IChunkStore store,
        IngestionWriterGate writer, IngestionJobs jobs, IngestionJobExecutor executor, RagApiMetrics metrics, DocumentReaderRegistry readers)
    {
        var options = api.Value;
        var ct = context.RequestAborted;
        if (context.Request.ContentLength > options.MaxUploadBytes) throw TooLarge(options);
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = options.MaxUploadBytes;
        if (!context.Request.HasFormContentType)
            throw new RagException(RagErrorKind.UnsupportedType, "Send the files as multipart/form-data, in one or more parts named 'files'.");
        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(ct);
        }
        catch (InvalidDataException)
        {
            throw TooLarge(options);
        }
        var files = form.Files;
        if (files.Count == 0) throw new RagException(RagErrorKind.InvalidInput, "The upload holds no file; send one or more parts named 'files'.");
        foreach (var file in files)
        {
            var name = Path.GetFileName(file.FileName);
            if (string.IsNullOrWhiteSpace(name) || name.StartsWith('.'))
                throw new RagException(RagErrorKind.InvalidInput, $"'{file.FileName}' is not a usable file name.");
            // The readers decide by default, so an upload takes what a folder ingestion takes (images only with OCR models).
            if (options.UploadExtensions.Count > 0 && !options.UploadExtensions.Contains(Path.GetExtension(name), StringComparer.OrdinalIgnoreCase))
                throw new RagException(RagErrorKind.UnsupportedType, $"'{name}' is not a supported type; upload {string.Join(", ", options.UploadExtensions)} (Rag:Api:UploadExtensions).");
            if (options.UploadExtensions.Count == 0 && !readers.CanRead(name))
                throw new RagException(RagErrorKind.UnsupportedType,
                    $"'{name}' is not a type the readers take: upload PDF, Markdown, HTML, DOCX or text, or images (PNG, JPEG, TIFF, WebP, BMP) once the OCR models are installed.");
        }
        var total = files.Sum(f => f.Length);
        if (total > options.MaxUploadBytes) throw TooLarge(options);
        var tags = form["tags"].SelectMany(t => (t ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();

        if (total > options.InlineUploadBytes)
        {
            var job = IngestionJob.Create(JobKind.Upload, "", tags.Count > 0 ? tags : null);
            job = job with { Path = Path.Combine(executor.StagingRoot, job.Id) };
            Directory.CreateDirectory(job.Path);
            foreach (var file in files)
            {
                await using var target = File.Create(Path.Combine(job.Path, Path.GetFileName(file.FileName)));
                await file.CopyToAsync(target, ct);
            }
            await jobs.SubmitAsync(job, ct);
            return TypedResults.Accepted($"/v1/ingestions/{job.Id}", job);
        }

        var streams = files.Select(f => f.OpenReadStream()).ToList();
        try
        {
            var inputs = files.Select((f, i) => DocumentInput.FromStream(Path.GetFileName(f.FileName), streams[i])).ToList();
            IngestionReport report;
            using (await writer.EnterWithinAsync(options.WriterWait, ct))
            {
                report = await pipeline.IngestAsync(inputs, new IngestionRunOptions { Source = IngestionJobExecutor.UploadSource, Tags = tags.Count > 0 ? tags : null },
                    cancellationToken: ct);
            }
            metrics.IngestedDocuments.Add(inputs.Count);
            var stored = new List<DocumentJson>();
            foreach (var input in inputs)
            {
                if (await store.GetDocumentAsync(SourceDocumentIds.For(IngestionJobExecutor.UploadSource, input.Name), ct) is { } document)
                    stored.Add(DocumentJson.From(document));
            }
            var failures = report.Failed.Concat(report.UnchangedFailed)
                .Select(f => new JobFailure(f.Path, JsonNamingPolicy.SnakeCaseLower.ConvertName(f.Kind.ToString()), f.Reason)).ToList();
            return TypedResults.Ok(new UploadResult(stored, new JobCounts(report.Added, report.Updated, report.Unchanged, 0, report.Failed.Count,
                report.UnchangedFailed.Count, report.Chunks, Math.Round(report.Elapsed.TotalMilliseconds, 1)), failures));
        }
        finally
        {
            foreach (var stream in streams) await stream.DisposeAsync();
        }
    }

    private static RagException TooLarge(ApiOptions options) =>
        new(RagErrorKind.TooLarge, $"The upload is larger than {options.MaxUploadBytes} bytes (Rag:Api:MaxUploadBytes); send fewer or smaller files.");
}
