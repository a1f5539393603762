using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RagSystem.Diagnostics;
using RagSystem.Onnx;

namespace RagSystem.Ocr;

/// <summary>OCR with PaddleOCR's PP-OCRv4 models on ONNX Runtime: DBNet detection, the 0°/180° line classifier
/// (when its model is present and <see cref="OcrOptions.UseOrientationClassifier"/>), SVTR recognition with greedy CTC.
/// One image is processed at a time (the models' input buffers are reused); ONNX Runtime spreads each run over the
/// cores. Sessions come from the shared <see cref="OnnxSessionFactory"/>, which owns and disposes them.</summary>
public sealed partial class PaddleOcrEngine : IOcrEngine
{
    private readonly DbTextDetector _detector;
    private readonly OrientationClassifier? _classifier;
    private readonly CtcTextRecognizer _recognizer;
    private readonly OcrOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Opens the models in <paramref name="files"/>.</summary>
    /// <exception cref="OnnxModelLoadException">A model cannot be loaded or does not have PP-OCR's inputs and outputs.</exception>
    public PaddleOcrEngine(OcrModelFiles files, OnnxSessionFactory sessions, OcrOptions? options = null, ILogger<PaddleOcrEngine>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(sessions);
        _options = options ?? new OcrOptions();
        _logger = logger ?? (ILogger)NullLogger.Instance;
        Files = files;
        _detector = new DbTextDetector(new OnnxOcrModel(sessions, files.DetectionModel), _options);
        _recognizer = new CtcTextRecognizer(new OnnxOcrModel(sessions, files.RecognitionModel), CtcGreedyDecoder.Load(files.CharacterList, _options.RecoverDroppedSpaces), _options.RecognitionBatchSize);
        if (_options.UseOrientationClassifier && files.OrientationModel is { } cls)
            _classifier = new OrientationClassifier(new OnnxOcrModel(sessions, cls));
    }

    /// <summary>The model files in use.</summary>
    public OcrModelFiles Files { get; }

    /// <summary>An engine over the models in <paramref name="folder"/>, or null when OCR is disabled or the folder lacks
    /// the models (the reason is logged once at information level).</summary>
    /// <exception cref="OnnxModelLoadException">The files are there but a model cannot be loaded.</exception>
    public static PaddleOcrEngine? TryCreate(string folder, OnnxSessionFactory sessions, OcrOptions? options = null, ILoggerFactory? loggerFactory = null)
    {
        options ??= new OcrOptions();
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<PaddleOcrEngine>();
        if (!options.Enabled)
        {
            LogDisabled(logger);
            return null;
        }
        if (OcrModelFiles.Find(folder) is not { } files)
        {
            LogModelsMissing(logger, OcrModelFiles.DescribeMissing(folder));
            return null;
        }
        return new PaddleOcrEngine(files, sessions, options, logger);
    }

    /// <inheritdoc />
    public async Task<OcrPageResult> RecognizeAsync(OcrImage image, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await Task.Run(() => Recognize(image, cancellationToken), cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private OcrPageResult Recognize(OcrImage image, CancellationToken cancellationToken)
    {
        using var activity = RagTelemetry.Source.StartActivity("Ocr");
        activity?.SetTag("rag.ocr.width", image.Width);
        activity?.SetTag("rag.ocr.height", image.Height);
        var clock = Stopwatch.StartNew();
        var detected = _detector.Detect(image, cancellationToken);
        var order = ReadingOrder.Arrange(detected);
        // Text running top to bottom is read as a line turned a quarter turn, as PaddleOCR does.
        var boxes = order.Select(i => detected[i].Height >= 1.5f * detected[i].Width ? detected[i].RotatedQuarter() : detected[i]).ToArray();
        var detection = clock.Elapsed;

        clock.Restart();
        var turned = _classifier?.Orient(image, boxes, cancellationToken) ?? 0;
        var orientation = clock.Elapsed;

        clock.Restart();
        var texts = _recognizer.Recognize(image, boxes, cancellationToken);
        var recognition = clock.Elapsed;

        var lines = new List<OcrLine>(boxes.Length);
        for (var i = 0; i < boxes.Length; i++)
        {
            var (text, confidence) = texts[i];
            if (text.Length > 0 && confidence >= _options.MinLineConfidence) lines.Add(new OcrLine(text, confidence, boxes[i]));
        }
        activity?.SetTag("rag.ocr.boxes", boxes.Length);
        activity?.SetTag("rag.ocr.lines", lines.Count);
        LogPage(_logger, image.Width, image.Height, boxes.Length, lines.Count, turned, detection.TotalMilliseconds, recognition.TotalMilliseconds);
        return new OcrPageResult(lines, OcrTextLayout.Join(lines), new OcrTimings(detection, orientation, recognition));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "OCR {Width}x{Height}: {Boxes} boxes, {Lines} lines kept, {Turned} turned; detection {DetectionMs:F0} ms, recognition {RecognitionMs:F0} ms")]
    private static partial void LogPage(ILogger logger, int width, int height, int boxes, int lines, int turned, double detectionMs, double recognitionMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "OCR is off (Ocr:Enabled is false)")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "OCR is off: {Reason}")]
    private static partial void LogModelsMissing(ILogger logger, string reason);
}
