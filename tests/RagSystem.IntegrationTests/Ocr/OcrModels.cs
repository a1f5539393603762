using RagSystem.Ocr;
using RagSystem.Onnx;
using RagSystem.Testing;

namespace RagSystem.IntegrationTests.Ocr;

/// <summary>One PP-OCRv4 engine over ../shared/models/ocr/pp-ocrv4 for the OCR tests, or a reason to skip.</summary>
public sealed class OcrModels : IDisposable
{
    private readonly OnnxSessionFactory _sessions = new();
    private readonly Lazy<PaddleOcrEngine?> _engine;

    /// <summary>Creates the fixture; the models load on first use.</summary>
    public OcrModels()
    {
        _engine = new(() => Folder is { } folder ? PaddleOcrEngine.TryCreate(folder, _sessions) : null);
    }

    /// <summary>The shared model folder, or null.</summary>
    public static string? Folder => SharedData.Find("models", "ocr", "pp-ocrv4");

    /// <summary>Why OCR tests cannot run here, or null.</summary>
    public static string? MissingReason => SharedData.MissingReason("models", "ocr", "pp-ocrv4");

    /// <summary>The engine; call only after checking <see cref="MissingReason"/>.</summary>
    public PaddleOcrEngine Engine => _engine.Value ?? throw new InvalidOperationException($"{Folder} does not hold the PP-OCRv4 files");

    /// <summary>The shared session factory.</summary>
    public OnnxSessionFactory Sessions => _sessions;

    /// <inheritdoc />
    public void Dispose() => _sessions.Dispose();
}
