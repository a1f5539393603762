using System.Security.Cryptography;
using RagSystem.Chunking;
using RagSystem.Documents;
using RagSystem.Storage;

namespace RagSystem.Ingestion;

/// <summary>The read step of ingestion: hashes a file, skips it when the store already holds this content,
/// otherwise parses it under a time limit and chunks it. Bad input becomes an <see cref="IngestionFailure"/>, never an exception.</summary>
internal sealed class DocumentPreparer(DocumentReaderRegistry readers, TextChunker chunker, IngestionOptions options)
{
    private static int s_abandonedParses;

    /// <summary>Parses that timed out and have not yet stopped, in this process. A reader that honours its token brings
    /// this back to zero quickly; one that does not keeps a thread busy for as long as it runs.</summary>
    internal static int AbandonedParsesRunning => Volatile.Read(ref s_abandonedParses);

    public async Task<PreparationResult> PrepareAsync(
        SourceFile file, DocumentRecord? stored, string? embeddingModel, CancellationToken cancellationToken)
    {
        if (file.Problem is { } problem)
            return Fail(file, problem.Kind, problem.Reason);
        if (file.SizeBytes > options.MaxFileBytes)
            return Fail(file, DocumentFailureKind.TooLarge, $"{file.RelativePath} is {Megabytes(file.SizeBytes)}, over the {Megabytes(options.MaxFileBytes)} limit (Ingestion:MaxFileBytes)");
        if (file.SizeBytes == 0)
            return Fail(file, DocumentFailureKind.Empty, $"{file.RelativePath} is empty (0 bytes)");

        byte[] bytes;
        try
        {
            bytes = await BoundedFileRead.ReadAsync(file.FullPath, options.MaxFileBytes, cancellationToken);
        }
        catch (DocumentReadException ex)
        {
            return Fail(file, ex.Kind, $"{file.RelativePath} {ex.Message}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Fail(file, DocumentFailureKind.Corrupt, $"{file.RelativePath} could not be opened: {ex.Message}");
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (stored is not null && stored.ContentHash == hash && stored.EmbeddingModel == embeddingModel)
            return PreparationResult.Unchanged;

        var reader = readers.Resolve(file.RelativePath, bytes.AsSpan(0, Math.Min(bytes.Length, 8192)));
        if (reader is null)
        {
            var mismatch = readers.DescribeUnreadable(file.RelativePath, bytes.AsSpan(0, Math.Min(bytes.Length, ContentSniffer.HeadLength)));
            return Fail(file, mismatch.Kind, mismatch.Message);
        }

        Document document;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.PerFileTimeout);
        Task<Document>? parse = null;
        try
        {
            // Parsers are largely synchronous; run them off the pipeline's thread so the time limit can fire.
            parse = Task.Run(() => readers.ReadAsync(new MemoryStream(bytes, writable: false), file.RelativePath, timeout.Token), timeout.Token);
            document = await parse.WaitAsync(options.PerFileTimeout, cancellationToken);
        }
        catch (DocumentReadException ex)
        {
            return Fail(file, ex.Kind, ex.Message);
        }
        catch (Exception ex) when (ex is TimeoutException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // The reader got the cancelled token too and stops at its next check (readers check in their loops, and refuse
            // pathological nesting before parsing); observe its end so its exception is never unobserved.
            // WaitAsync's timer can fire before CancelAfter's, and disposing the source would then cancel its timer and
            // leave the reader's token live forever: cancel it here, explicitly.
            await timeout.CancelAsync();
            if (parse is not null)
            {
                Interlocked.Increment(ref s_abandonedParses);
                _ = parse.ContinueWith(static t =>
                {
                    Interlocked.Decrement(ref s_abandonedParses);
                    _ = t.Exception;
                }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
            return Fail(file, DocumentFailureKind.Timeout, $"{file.RelativePath} took longer than {options.PerFileTimeout.TotalSeconds:0} s to read (Ingestion:PerFileTimeout)");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Fail(file, DocumentFailureKind.Corrupt, $"{file.RelativePath} could not be parsed as {reader.Format}: {ex.Message}");
        }

        var chunks = chunker.Chunk(document, cancellationToken);
        if (chunks.Count == 0)
            return Fail(file, DocumentFailureKind.NoText, $"{file.RelativePath} holds no text to index");

        var id = DocumentIds.ForPath(file.RelativePath);
        return new PreparationResult(new PreparedDocument(file, id, hash, reader.Format, document.Title, chunks, stored is not null), null);
    }

    private static PreparationResult Fail(SourceFile file, DocumentFailureKind kind, string reason) =>
        new(null, new IngestionFailure(file.RelativePath, kind, reason));

    private static string Megabytes(long bytes) => bytes >= 1 << 20 ? $"{bytes / (1024.0 * 1024):0.#} MB" : $"{bytes / 1024.0:0.#} KB";
}
