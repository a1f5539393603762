using System.Security.Cryptography;
using RagSystem.Chunking;
using RagSystem.Documents;
using RagSystem.Storage;

namespace RagSystem.Ingestion;

/// <summary>The read step of ingestion: hashes an input, skips it when the store already holds this content or remembers
/// that these very bytes failed, otherwise parses it under a time limit and chunks it. Bad input becomes an
/// <see cref="IngestionFailure"/>, never an exception.</summary>
internal sealed class DocumentPreparer(DocumentReaderRegistry readers, TextChunker chunker, IngestionOptions options)
{
    private static int s_abandonedParses;

    /// <summary>Parses that timed out and have not yet stopped, in this process. A reader that honours its token brings
    /// this back to zero quickly; one that does not keeps a thread busy for as long as it runs.</summary>
    internal static int AbandonedParsesRunning => Volatile.Read(ref s_abandonedParses);

    public async Task<PreparationResult> PrepareAsync(DocumentInput input, string documentId, DocumentRecord? stored,
        DocumentFailureRecord? failedBefore, bool retryFailed, string? embeddingModel, CancellationToken cancellationToken)
    {
        var name = input.Name;
        // A path the walk could not read as a regular file is reported as it was found, and never opened.
        if (input.Problem is { } problem)
            return Fail(name, problem.Kind, problem.Reason);
        if (input.SizeBytes > options.MaxFileBytes)
            return Fail(name, DocumentFailureKind.TooLarge, TooLarge(name, input.SizeBytes.Value));

        byte[] bytes;
        try
        {
            bytes = await input.ReadBytesAsync(options.MaxFileBytes, cancellationToken);
        }
        catch (DocumentReadException ex)
        {
            return Fail(name, ex.Kind, $"{name} {ex.Message}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Fail(name, DocumentFailureKind.Corrupt, $"{name} could not be opened: {ex.Message}");
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (stored is not null && stored.ContentHash == hash && stored.EmbeddingModel == embeddingModel)
            return PreparationResult.Unchanged;
        if (!retryFailed && failedBefore is not null && failedBefore.ContentHash == hash)
            return new(null, new IngestionFailure(name, failedBefore.Kind, failedBefore.Reason), hash, FailedBefore: true);
        if (bytes.Length == 0)
            return Fail(name, DocumentFailureKind.Empty, $"{name} is empty (0 bytes)", hash);

        var reader = readers.Resolve(name, bytes.AsSpan(0, Math.Min(bytes.Length, 8192)));
        if (reader is null)
        {
            var mismatch = readers.DescribeUnreadable(name, bytes.AsSpan(0, Math.Min(bytes.Length, ContentSniffer.HeadLength)));
            return Fail(name, mismatch.Kind, mismatch.Message, hash);
        }

        Document document;
        using var budget = new ReadTimeBudget(options.PerFileTimeout, options.PerOcrPageTimeout, cancellationToken);
        Task<Document>? parse = null;
        try
        {
            // Parsers are largely synchronous; run them off the pipeline's thread so the time limit can fire. The reader's
            // announced OCR pages extend the limit, so the listener is set before the task captures the context.
            using (budget.ListenForOcrPages())
                parse = Task.Run(() => readers.ReadAsync(new MemoryStream(bytes, writable: false), name, budget.Token), budget.Token);
            // The budget's token fires at the (moving) limit whether or not the reader observes it.
            document = await parse.WaitAsync(budget.Token);
            // Timers fire on the thread pool: when parses occupy every pool thread, both the reader's token and WaitAsync can
            // fire only after the parse has finished. The limit holds anyway.
            if (budget.Exceeded) throw new TimeoutException();
        }
        catch (DocumentReadException ex)
        {
            return Fail(name, ex.Kind, ex.Message, hash);
        }
        catch (Exception ex) when (ex is TimeoutException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // The reader got the cancelled token too and stops at its next check (readers check in their loops, and refuse
            // pathological nesting before parsing); observe its end so its exception is never unobserved.
            // When the limit was found passed after the fact, the reader's token is still live: cancel it here, explicitly.
            await budget.CancelAsync();
            if (parse is not null)
            {
                Interlocked.Increment(ref s_abandonedParses);
                _ = parse.ContinueWith(static t =>
                {
                    Interlocked.Decrement(ref s_abandonedParses);
                    _ = t.Exception;
                }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
            return Fail(name, DocumentFailureKind.Timeout, TimedOut(name, budget), hash);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Fail(name, DocumentFailureKind.Corrupt, $"{name} could not be parsed as {reader.Format}: {ex.Message}", hash);
        }

        var chunks = chunker.Chunk(document, cancellationToken);
        if (chunks.Count == 0)
            return Fail(name, DocumentFailureKind.NoText, $"{name} holds no text to index", hash);

        // Every document gets a title, which the lexical index and the embeddings use: the format's own, else the file name.
        var title = string.IsNullOrWhiteSpace(document.Title) ? Path.GetFileNameWithoutExtension(name) : document.Title.Trim();
        return new PreparationResult(new PreparedDocument(name, documentId, hash, bytes.LongLength, reader.Format, title, chunks,
            input.Tags, stored is not null, document.Sections.Count(s => s.OcrConfidence is not null)), null, hash);
    }

    private static PreparationResult Fail(string name, DocumentFailureKind kind, string reason, string? hash = null) =>
        new(null, new IngestionFailure(name, kind, reason), hash);

    private string TimedOut(string name, ReadTimeBudget budget) => budget.OcrPages == 0
        ? $"{name} took longer than {options.PerFileTimeout.TotalSeconds:0.#} s to read (Ingestion:PerFileTimeout)"
        : $"{name} took longer than {budget.Limit.TotalSeconds:0.#} s to read: {options.PerFileTimeout.TotalSeconds:0.#} s " +
          $"(Ingestion:PerFileTimeout) + {budget.OcrPages} OCR page(s) × {options.PerOcrPageTimeout.TotalSeconds:0.#} s (Ingestion:PerOcrPageTimeout)";

    private string TooLarge(string name, long size) =>
        $"{name} is {Megabytes(size)}, over the {Megabytes(options.MaxFileBytes)} limit (Ingestion:MaxFileBytes)";

    private static string Megabytes(long bytes) => bytes >= 1 << 20 ? $"{bytes / (1024.0 * 1024):0.#} MB" : $"{bytes / 1024.0:0.#} KB";
}
