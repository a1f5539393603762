using System.Diagnostics;
using RagSystem.Documents;

namespace RagSystem.IntegrationTests.Documents;

/// <summary>What reading one shared file gave: a document, a <see cref="DocumentReadException"/>, another exception
/// (a bug) or a timeout (a hang).</summary>
internal sealed record ReadOutcome(string File, Document? Document, DocumentReadException? Failure, Exception? Unexpected, bool TimedOut, TimeSpan Elapsed)
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public string Summary => Document is not null
        ? $"text   {Document.Sections.Count,4} sections {Document.TextLength,8} chars"
        : Failure is not null ? $"{Failure.Kind,-8} {Failure.Message}"
        : TimedOut ? "TIMEOUT" : $"BUG    {Unexpected!.GetType().Name}: {Unexpected.Message}";

    public static async Task<ReadOutcome> ReadAsync(DocumentReaderRegistry registry, string path)
    {
        var name = Path.GetFileName(path);
        using var cts = new CancellationTokenSource(Limit);
        var watch = Stopwatch.StartNew();
        try
        {
            var document = await Task.Run(() => registry.ReadAsync(path, cts.Token)).WaitAsync(Limit + TimeSpan.FromSeconds(5));
            return new ReadOutcome(name, document, null, null, false, watch.Elapsed);
        }
        catch (DocumentReadException ex)
        {
            return new ReadOutcome(name, null, ex, null, false, watch.Elapsed);
        }
        catch (Exception ex) when (ex is TimeoutException || ex is OperationCanceledException && cts.IsCancellationRequested)
        {
            return new ReadOutcome(name, null, null, null, true, watch.Elapsed);
        }
        catch (Exception ex)
        {
            return new ReadOutcome(name, null, null, ex, false, watch.Elapsed);
        }
    }
}
