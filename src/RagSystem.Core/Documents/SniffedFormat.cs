namespace RagSystem.Documents;

/// <summary>What the first bytes of a file say it is.</summary>
public enum SniffedFormat
{
    /// <summary>Nothing recognisable, or too few bytes to tell.</summary>
    Unknown,
    /// <summary>Starts with <c>%PDF-</c>.</summary>
    Pdf,
    /// <summary>A zip archive holding <c>word/</c> parts (DOCX).</summary>
    Docx,
    /// <summary>A zip archive of some other kind.</summary>
    Zip,
    /// <summary>An OLE2 compound file (D0 CF 11 E0): encrypted OOXML or a legacy Office file.</summary>
    OleCompound,
    /// <summary>Starts (after a BOM and whitespace) with an HTML doctype or tag.</summary>
    Html,
    /// <summary>Decodes as text: no NUL bytes, few control characters.</summary>
    Text,
    /// <summary>Binary content of an unknown kind.</summary>
    Binary,
}
