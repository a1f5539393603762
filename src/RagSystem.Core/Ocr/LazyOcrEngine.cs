namespace RagSystem.Ocr;

/// <summary>An <see cref="IOcrEngine"/> that opens the engine it delegates to on the first image, so commands that
/// never meet a scan (ask, search) do not pay for loading the OCR models.</summary>
public sealed class LazyOcrEngine : IOcrEngine
{
    private readonly Lazy<IOcrEngine> _engine;

    /// <summary>Wraps <paramref name="open"/>, called once, on first use, from one thread.</summary>
    public LazyOcrEngine(Func<IOcrEngine> open)
    {
        ArgumentNullException.ThrowIfNull(open);
        _engine = new Lazy<IOcrEngine>(open, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Whether the engine has been opened.</summary>
    public bool IsOpened => _engine.IsValueCreated;

    /// <inheritdoc />
    public Task<OcrPageResult> RecognizeAsync(OcrImage image, CancellationToken cancellationToken = default) =>
        _engine.Value.RecognizeAsync(image, cancellationToken);
}
