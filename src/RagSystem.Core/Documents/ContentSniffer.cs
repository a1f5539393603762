using System.Text;

namespace RagSystem.Documents;

/// <summary>Recognises a file's format from its first bytes, so a reader is chosen by content and not only by name.</summary>
public static class ContentSniffer
{
    /// <summary>How many leading bytes <see cref="Sniff"/> looks at.</summary>
    public const int HeadLength = 8192;

    // The PDF spec allows junk before the header; readers accept it within the first kilobyte.
    private const int PdfHeaderWindow = 1024;

    /// <summary>Whether <paramref name="head"/> holds <c>%PDF-</c> within its first kilobyte.</summary>
    public static bool LooksLikePdf(ReadOnlySpan<byte> head) =>
        head[..Math.Min(head.Length, PdfHeaderWindow)].IndexOf("%PDF-"u8) >= 0;

    /// <summary>Whether <paramref name="head"/> starts with the OLE2 compound-file magic D0 CF 11 E0.</summary>
    public static bool IsOleCompound(ReadOnlySpan<byte> head) => head.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0]);

    /// <summary>Classifies the first bytes of a file (pass up to <see cref="HeadLength"/> of them).</summary>
    public static SniffedFormat Sniff(ReadOnlySpan<byte> head)
    {
        if (head.Length == 0) return SniffedFormat.Unknown;
        if (LooksLikePdf(head)) return SniffedFormat.Pdf;
        if (head.StartsWith("PK\x03\x04"u8))
            return head.IndexOf("word/"u8) >= 0 ? SniffedFormat.Docx : SniffedFormat.Zip;
        if (IsOleCompound(head)) return SniffedFormat.OleCompound;
        if (!LooksLikeText(head)) return SniffedFormat.Binary;
        return LooksLikeHtml(head) ? SniffedFormat.Html : SniffedFormat.Text;
    }

    /// <summary>Whether the bytes look like text: a UTF-16/32 BOM, or almost no NUL bytes and control characters.
    /// A few stray NULs are tolerated: text dumped by other tools (such as PDF extractors) carries them, while binary
    /// formats are dense with them.</summary>
    public static bool LooksLikeText(ReadOnlySpan<byte> head)
    {
        if (TextDecoding.DetectBom(head, out _) is { } bom && bom is not UTF8Encoding) return true;
        int controls = 0, nuls = 0;
        foreach (var b in head)
        {
            if (b == 0) nuls++;
            else if (b < 0x20 && b is not ((byte)'\n' or (byte)'\r' or (byte)'\t' or 0x0C or 0x1B)) controls++;
        }
        return nuls * 500 <= head.Length && (controls + nuls) * 100 <= head.Length;
    }

    private static bool LooksLikeHtml(ReadOnlySpan<byte> head)
    {
        var text = TextDecoding.Decode(head[..Math.Min(head.Length, 1024)]).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        // Comments and XML declarations may precede the root element.
        while (text.StartsWith("<!--", StringComparison.Ordinal) || text.StartsWith("<?xml", StringComparison.OrdinalIgnoreCase))
        {
            var end = text.IndexOf('>');
            if (end < 0) return false;
            text = text[(end + 1)..].TrimStart();
        }
        return text.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("<html", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("<head", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("<body", StringComparison.OrdinalIgnoreCase);
    }
}
