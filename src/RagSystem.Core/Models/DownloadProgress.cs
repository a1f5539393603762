namespace RagSystem.Models;

/// <summary>Progress of one file of a model pull.</summary>
/// <param name="File">The file's local path inside the model folder.</param>
/// <param name="FileIndex">Zero-based position of the file in the pull.</param>
/// <param name="FileCount">Number of files in the pull.</param>
/// <param name="BytesReceived">Bytes of this file on disk so far (including bytes resumed from an earlier run).</param>
/// <param name="BytesTotal">The file's size when the server said so, else null.</param>
/// <param name="IsComplete">True once the file is downloaded and verified.</param>
public readonly record struct DownloadProgress(
    string File, int FileIndex, int FileCount, long BytesReceived, long? BytesTotal, bool IsComplete);
