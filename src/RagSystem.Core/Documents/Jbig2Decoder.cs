namespace RagSystem.Documents;

/// <summary>Decodes JBIG2 images as PDF embeds them (<c>/JBIG2Decode</c>, with the shared <c>/JBIG2Globals</c> segments)
/// through Artifex's jbig2dec C library, found on the system at run time: the Debian and Ubuntu package <c>libjbig2dec0</c>
/// (<c>libjbig2dec.so.0</c>), or a library named as in <see cref="SystemLibraryNames"/>. jbig2dec is licensed under the AGPL-3.0, so RagSystem
/// does not ship it: it is optional, and without it <see cref="IsAvailable"/> is false and PDF pages scanned as JBIG2 are
/// reported as "no text" with a hint to install it. Thread-safe: each decode has its own jbig2dec contexts.</summary>
public sealed class Jbig2Decoder
{
    private readonly Lazy<(Jbig2Library? Library, string? Reason)> _library;

    /// <summary>Loads the library from the first of <paramref name="libraryNames"/> the system's loader finds (bare names
    /// are searched where the system keeps libraries); nothing is loaded before the first use.</summary>
    public Jbig2Decoder(IEnumerable<string> libraryNames)
    {
        ArgumentNullException.ThrowIfNull(libraryNames);
        var names = libraryNames.ToArray();
        _library = new(() => Jbig2Library.TryLoad(names), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The file names tried for the system's jbig2dec: <c>libjbig2dec.so.0</c> (Debian, Ubuntu, Fedora),
    /// <c>libjbig2dec.so</c>, <c>libjbig2dec.0.dylib</c> (macOS) and <c>jbig2dec</c> (the loader's own naming, e.g. <c>jbig2dec.dll</c>).</summary>
    public static IReadOnlyList<string> SystemLibraryNames { get; } = ["libjbig2dec.so.0", "libjbig2dec.so", "libjbig2dec.0.dylib", "jbig2dec"];

    /// <summary>The decoder over the system's jbig2dec (<see cref="SystemLibraryNames"/>), shared by the process.</summary>
    public static Jbig2Decoder System { get; } = new(SystemLibraryNames);

    /// <summary>Whether jbig2dec was found and can be called (loads it on first use).</summary>
    public bool IsAvailable => _library.Value.Library is not null;

    /// <summary>Why <see cref="IsAvailable"/> is false (the names tried, or a version this build cannot call); null when it is available.</summary>
    public string? UnavailableReason => _library.Value.Reason;

    /// <summary>The loaded jbig2dec's version (e.g. "0.19"), or null when it is not available.</summary>
    public string? LibraryVersion => _library.Value.Library?.Version;

    /// <summary>Decodes the first page of a JBIG2 stream in the embedded organisation.</summary>
    /// <param name="data">The image stream's JBIG2 bytes (after any other filter in front of <c>/JBIG2Decode</c>).</param>
    /// <param name="globals">The decoded <c>/JBIG2Globals</c> stream, or empty when the image has none.</param>
    /// <param name="memoryLimitBytes">jbig2dec may allocate at most this much in total; a stream that needs more is refused as damaged.</param>
    /// <returns>The page bitmap, 1 bit per pixel with 1 = black, as JBIG2 defines it (before any PDF /Decode array).</returns>
    /// <exception cref="InvalidOperationException">The library is not available (<see cref="UnavailableReason"/>).</exception>
    /// <exception cref="DocumentReadException">Kind <see cref="DocumentFailureKind.Corrupt"/>: jbig2dec reported a fatal
    /// error, gave no page, or the stream needed more than <paramref name="memoryLimitBytes"/>.</exception>
    public Jbig2Bitmap Decode(ReadOnlySpan<byte> data, ReadOnlySpan<byte> globals, long memoryLimitBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(memoryLimitBytes, 1);
        var library = _library.Value.Library ?? throw new InvalidOperationException($"JBIG2 cannot be decoded: {UnavailableReason}");
        return new Jbig2PageDecode(library, memoryLimitBytes).Run(data, globals);
    }
}
