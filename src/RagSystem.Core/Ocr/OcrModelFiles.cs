namespace RagSystem.Ocr;

/// <summary>The files of a PP-OCR model folder: detection, recognition, the optional orientation classifier and
/// the recognition character list.</summary>
/// <param name="Directory">The folder the files were found in.</param>
/// <param name="DetectionModel">The DBNet detection model (<c>*det*.onnx</c>).</param>
/// <param name="RecognitionModel">The SVTR/CRNN recognition model (<c>*rec*.onnx</c>).</param>
/// <param name="OrientationModel">The 0°/180° line classifier (<c>*cls*.onnx</c>), or null when absent.</param>
/// <param name="CharacterList">One character per line (<c>*keys*.txt</c> or <c>*dict*.txt</c>).</param>
public sealed record OcrModelFiles(string Directory, string DetectionModel, string RecognitionModel, string? OrientationModel, string CharacterList)
{
    /// <summary>Finds the files in <paramref name="folder"/>, or in its only subfolder (so both <c>models/ocr</c> holding
    /// the files and <c>models/ocr/pp-ocrv4/</c> work). Null when the folder is absent or a required file is missing.</summary>
    public static OcrModelFiles? Find(string folder)
    {
        if (!System.IO.Directory.Exists(folder)) return null;
        if (FindIn(folder) is { } direct) return direct;
        var subfolders = System.IO.Directory.GetDirectories(folder);
        return subfolders.Length == 1 ? FindIn(subfolders[0]) : null;
    }

    /// <summary>What is missing from <paramref name="folder"/>, for a message that tells the user what to put where.</summary>
    public static string DescribeMissing(string folder) =>
        System.IO.Directory.Exists(folder)
            ? $"{folder} lacks a *det*.onnx, *rec*.onnx or *keys*.txt file (PP-OCRv4 layout)"
            : $"{folder} does not exist";

    private static OcrModelFiles? FindIn(string folder)
    {
        var onnx = System.IO.Directory.GetFiles(folder, "*.onnx");
        var det = Pick(onnx, "det");
        var rec = Pick(onnx, "rec");
        var cls = Pick(onnx, "cls");
        var keys = Pick(System.IO.Directory.GetFiles(folder, "*.txt"), "keys") ?? Pick(System.IO.Directory.GetFiles(folder, "*.txt"), "dict");
        return det is null || rec is null || keys is null ? null : new OcrModelFiles(Path.GetFullPath(folder), det, rec, cls, keys);
    }

    private static string? Pick(string[] files, string marker) =>
        files.Where(f => Path.GetFileName(f).Contains(marker, StringComparison.OrdinalIgnoreCase))
            .OrderBy(f => f, StringComparer.Ordinal)
            .FirstOrDefault();
}
