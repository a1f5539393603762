namespace RagSystem.Ocr;

/// <summary>OCR settings (configuration section <c>Ocr</c>). OCR runs only when the PP-OCRv4 model files are found
/// in <see cref="ModelDirectory"/>; without them scanned pages are reported as having no text.</summary>
public sealed class OcrOptions
{
    /// <summary>Whether OCR is used when its models are present. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The folder holding the detection, recognition and orientation models and the character list
    /// (laid out as PaddleOCR ships them: <c>*det*.onnx</c>, <c>*rec*.onnx</c>, <c>*cls*.onnx</c>, <c>*keys*.txt</c>).
    /// Default null: <c>&lt;models&gt;/ocr</c>.</summary>
    public string? ModelDirectory { get; set; }

    /// <summary>The detector's input is scaled so its longer side is at most this many pixels (then rounded to
    /// multiples of 32). Default 960, PaddleOCR's own. Larger finds smaller print and costs time quadratically.</summary>
    public int DetectionMaxSide { get; set; } = 960;

    /// <summary>A detector pixel counts as text above this probability. Default 0.3.</summary>
    public float BinaryThreshold { get; set; } = 0.3f;

    /// <summary>A detected box is kept when the mean probability inside it is at least this. Default 0.6.</summary>
    public float BoxThreshold { get; set; } = 0.6f;

    /// <summary>How far a detected box is grown, as a multiple of area / perimeter (DBNet shrinks text regions when
    /// training, so boxes are grown back). Default 1.5.</summary>
    public float UnclipRatio { get; set; } = 1.5f;

    /// <summary>Whether the orientation classifier runs and turns upside-down lines. Default true.</summary>
    public bool UseOrientationClassifier { get; set; } = true;

    /// <summary>Lines recognised per recognition run (sorted by width so padding is small). Default 8.</summary>
    public int RecognitionBatchSize { get; set; } = 8;

    /// <summary>Whether word spaces the recogniser's greedy path dropped are put back where the model still gives the
    /// space class a probability of at least 0.02 in a blank frame between two characters (inside words it stayed at
    /// most 0.011 on the benchmark pages). Default true; PP-OCRv4's Chinese+English recogniser otherwise joins words
    /// on low-resolution and noisy lines.</summary>
    public bool RecoverDroppedSpaces { get; set; } = true;

    /// <summary>Lines whose mean character probability is below this are dropped as noise. Default 0.5.</summary>
    public float MinLineConfidence { get; set; } = 0.5f;

    /// <summary>Larger images are scaled down to this many pixels before OCR. Default 40 000 000 (an A4 page at
    /// 600 dpi is about 35 000 000).</summary>
    public long MaxPagePixels { get; set; } = 40_000_000;

    /// <summary>A PDF page whose text layer has fewer letters than this is OCR-ed when it carries images.
    /// Default 16.</summary>
    public int MinPdfPageLetters { get; set; } = 16;

    /// <summary>Checks the settings that would otherwise fail deep inside OCR (or silently read nothing), naming the key.</summary>
    /// <exception cref="RagConfigurationException">A value is out of range, or an explicitly set model folder does not exist.</exception>
    public void Validate()
    {
        if (DetectionMaxSide is < 32 or > 8192)
            throw new RagConfigurationException($"Ocr:DetectionMaxSide is {DetectionMaxSide}; it must be between 32 and 8192 pixels (default 960).");
        Probability("Ocr:BinaryThreshold", BinaryThreshold, "0.3", allowZero: false);
        Probability("Ocr:BoxThreshold", BoxThreshold, "0.6", allowZero: true);
        Probability("Ocr:MinLineConfidence", MinLineConfidence, "0.5", allowZero: true);
        if (!(UnclipRatio > 0 && UnclipRatio <= 10))
            throw new RagConfigurationException($"Ocr:UnclipRatio is {UnclipRatio}; it must be above 0 and at most 10 (default 1.5).");
        if (RecognitionBatchSize is < 1 or > 256)
            throw new RagConfigurationException($"Ocr:RecognitionBatchSize is {RecognitionBatchSize}; it must be between 1 and 256 (default 8).");
        // Below a small page at 72 dpi (about 0.5 megapixel) scans are scaled past legibility.
        if (MaxPagePixels < 500_000)
            throw new RagConfigurationException($"Ocr:MaxPagePixels is {MaxPagePixels}; it must be at least 500000 (default 40000000).");
        if (MinPdfPageLetters < 0)
            throw new RagConfigurationException($"Ocr:MinPdfPageLetters is {MinPdfPageLetters}; it must be 0 or more (default 16).");
        if (Enabled && !string.IsNullOrWhiteSpace(ModelDirectory) && !Directory.Exists(ModelDirectory))
            throw new RagConfigurationException($"Ocr:ModelDirectory is {ModelDirectory}, which does not exist; point it at the PP-OCRv4 folder, " +
                "or leave it unset to use <models>/ocr.");
    }

    private static void Probability(string key, float value, string fallback, bool allowZero)
    {
        if (!(value < 1 && (allowZero ? value >= 0 : value > 0)))
            throw new RagConfigurationException($"{key} is {value}; it must be {(allowZero ? "from 0" : "above 0")} and below 1 (default {fallback}).");
    }

    /// <summary>The model folder: <see cref="ModelDirectory"/> when set, else <c>ocr</c> under <paramref name="modelsDirectory"/>.</summary>
    public string ResolveModelDirectory(string modelsDirectory) =>
        string.IsNullOrWhiteSpace(ModelDirectory) ? Path.Combine(modelsDirectory, "ocr") : ModelDirectory;
}
