using BitMiracle.LibTiff.Classic;

namespace RagSystem.Ocr;

/// <summary>Keeps LibTiff.NET's messages off the console (its default handler writes there) and remembers the last
/// error on the current thread, so a failed decode can say why.</summary>
internal sealed class TiffErrorCollector : TiffErrorHandler
{
    [ThreadStatic]
    private static string? _lastError;

    /// <summary>Takes the last error seen on this thread, clearing it.</summary>
    public static string? TakeLastError()
    {
        var error = _lastError;
        _lastError = null;
        return error;
    }

    /// <inheritdoc />
    public override void ErrorHandler(Tiff tif, string method, string format, params object[] args) =>
        _lastError = args.Length == 0 ? format : string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args);

    /// <inheritdoc />
    public override void ErrorHandlerExt(Tiff tif, object clientData, string method, string format, params object[] args) =>
        ErrorHandler(tif, method, format, args);

    // Warnings (unknown tags, odd but readable fields) do not stop a decode and are not worth a message.
    /// <inheritdoc />
    public override void WarningHandler(Tiff tif, string method, string format, params object[] args)
    {
    }

    /// <inheritdoc />
    public override void WarningHandlerExt(Tiff tif, object clientData, string method, string format, params object[] args)
    {
    }
}
