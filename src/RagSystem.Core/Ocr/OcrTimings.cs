namespace RagSystem.Ocr;

/// <summary>Wall-clock time per OCR stage for one image.</summary>
/// <param name="Detection">Resize, detection model and box extraction.</param>
/// <param name="Orientation">Orientation classifier (zero when it is off).</param>
/// <param name="Recognition">Cropping, recognition model and CTC decoding.</param>
public sealed record OcrTimings(TimeSpan Detection, TimeSpan Orientation, TimeSpan Recognition);
