using System.Text;

namespace RagSystem.Documents;

/// <summary>Turns file bytes into text: byte-order mark first, then strict UTF-8, then a declared
/// or fallback single-byte encoding.</summary>
internal static class TextDecoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static TextDecoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Decodes <paramref name="bytes"/>. With a BOM its encoding wins; otherwise valid UTF-8 is read as
    /// UTF-8 (pages often declare a legacy charset yet are stored as UTF-8); otherwise
    /// <paramref name="declaredCharset"/> when known, else Latin-1.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes, string? declaredCharset = null)
    {
        var bom = DetectBom(bytes, out var bomLength);
        if (bom is not null) return bom.GetString(bytes[bomLength..]);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            // Not UTF-8: fall through to the declared charset or Latin-1, which maps every byte.
        }
        if (declaredCharset is not null && TryGetEncoding(declaredCharset) is { } declared) return declared.GetString(bytes);
        return Encoding.Latin1.GetString(bytes);
    }

    /// <summary>The encoding named by a byte-order mark at the start of <paramref name="bytes"/>, or null.</summary>
    public static Encoding? DetectBom(ReadOnlySpan<byte> bytes, out int length)
    {
        length = 0;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) { length = 3; return Encoding.UTF8; }
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00])) { length = 4; return Encoding.UTF32; }
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF])) { length = 4; return new UTF32Encoding(bigEndian: true, byteOrderMark: true); }
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) { length = 2; return Encoding.Unicode; }
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) { length = 2; return Encoding.BigEndianUnicode; }
        return null;
    }

    /// <summary>The encoding for a charset label such as <c>gb2312</c> or <c>windows-1252</c>, or null when unknown.</summary>
    public static Encoding? TryGetEncoding(string charset)
    {
        try
        {
            return Encoding.GetEncoding(charset.Trim().Trim('"', '\''));
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Reads a whole stream into memory, but no more than <see cref="BoundedRead.DefaultMaxBytes"/>.</summary>
    public static Task<byte[]> ReadAllBytesAsync(Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var expected = stream.CanSeek ? Math.Max(0, stream.Length - stream.Position) : 0;
        return BoundedRead.ReadAsync(stream, BoundedRead.DefaultMaxBytes, expected, cancellationToken);
    }
}
