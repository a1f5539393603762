namespace RagSystem.Documents;

/// <summary>Why a file could not be turned into text. Each kind is reported to the user as is.</summary>
public enum DocumentFailureKind
{
    /// <summary>The file is password-protected or encrypted.</summary>
    Encrypted,
    /// <summary>The file is damaged or is not the format its name says.</summary>
    Corrupt,
    /// <summary>The file has no bytes, or its format holds no content.</summary>
    Empty,
    /// <summary>The file parses but holds no extractable text (for example a scanned PDF without OCR).</summary>
    NoText,
    /// <summary>No reader handles this file type.</summary>
    Unsupported,
    /// <summary>The file is larger than the configured limit.</summary>
    TooLarge,
    /// <summary>Reading the file took longer than the per-file time limit.</summary>
    Timeout,
    /// <summary>The path cannot be read as a regular file: a FIFO, socket or device, a symlink loop or one leading outside
    /// the ingested folder, a name that is not valid UTF-8, a path longer than the system allows, or no permission.</summary>
    Unreadable,
}
