using System.Diagnostics;
using RagSystem.Documents;

namespace RagSystem.Ingestion;

/// <summary>The time one file may take to read: <see cref="IngestionOptions.PerFileTimeout"/> plus
/// <see cref="IngestionOptions.PerOcrPageTimeout"/> for each page the reader has announced for OCR
/// (<see cref="OcrPageNotice"/>). Its token is cancelled when the current limit passes; each announced page moves it.</summary>
internal sealed class ReadTimeBudget : IDisposable
{
    private readonly TimeSpan _basis;
    private readonly TimeSpan _perOcrPage;
    private readonly CancellationTokenSource _timeout;
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly Lock _gate = new();
    private int _ocrPages;

    /// <summary>Starts the clock; <see cref="Token"/> is also cancelled with <paramref name="cancellationToken"/>.</summary>
    public ReadTimeBudget(TimeSpan basis, TimeSpan perOcrPage, CancellationToken cancellationToken)
    {
        _basis = basis;
        _perOcrPage = perOcrPage;
        _timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _timeout.CancelAfter(basis);
    }

    /// <summary>Cancelled when the read runs past <see cref="Limit"/> (or the caller cancels).</summary>
    public CancellationToken Token => _timeout.Token;

    /// <summary>Pages announced for OCR so far.</summary>
    public int OcrPages => Volatile.Read(ref _ocrPages);

    /// <summary>The limit as it stands: the basis plus the allowance of every announced OCR page.</summary>
    public TimeSpan Limit => LimitFor(_basis, _perOcrPage, OcrPages);

    /// <summary>Whether the read has taken longer than <see cref="Limit"/>.</summary>
    public bool Exceeded => Stopwatch.GetElapsedTime(_started) > Limit;

    /// <summary>The limit for a file that sends <paramref name="ocrPages"/> pages to OCR.</summary>
    public static TimeSpan LimitFor(TimeSpan basis, TimeSpan perOcrPage, int ocrPages) => basis + perOcrPage * Math.Max(0, ocrPages);

    /// <summary>Listens for OCR pages in this async context (start the read inside the returned scope).</summary>
    public IDisposable ListenForOcrPages() => OcrPageNotice.Listen(OnOcrPage);

    /// <summary>Cancels the token now (the caller gave up waiting).</summary>
    public Task CancelAsync() => _timeout.CancelAsync();

    /// <inheritdoc />
    public void Dispose() => _timeout.Dispose();

    private void OnOcrPage()
    {
        lock (_gate)
        {
            Interlocked.Increment(ref _ocrPages);
            if (_timeout.IsCancellationRequested) return;
            var remaining = Limit - Stopwatch.GetElapsedTime(_started);
            try
            {
                // CancelAfter re-arms the one timer: the deadline moves by one page's allowance.
                _timeout.CancelAfter(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero);
            }
            catch (ObjectDisposedException)
            {
                // The read was abandoned and its budget disposed while a page was starting: nothing left to extend.
            }
        }
    }
}
