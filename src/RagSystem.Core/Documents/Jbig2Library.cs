using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace RagSystem.Documents;

/// <summary>The entry points of a loaded jbig2dec shared library (<c>jbig2.h</c>, versions 0.18 to 0.20), resolved with
/// <see cref="NativeLibrary"/> so that a missing library is an answer, not a <see cref="DllNotFoundException"/>.
/// The library handle stays loaded for the life of the process.</summary>
internal sealed unsafe partial class Jbig2Library
{
    /// <summary><c>JBIG2_OPTIONS_EMBEDDED</c>: the stream is PDF's embedded organisation (T.88 Annex D.3), no file header.</summary>
    public const int EmbeddedOptions = 1;

    /// <summary><c>JBIG2_SEVERITY_FATAL</c>.</summary>
    public const int SeverityFatal = 3;

    // jbig2_ctx_new is a macro over jbig2_ctx_new_imp that passes the header's version; the library refuses any other
    // version. The calls used here have kept their signatures from 0.18 to 0.20, so the library's own version is passed.
    private static readonly (int Major, int Minor)[] KnownVersions = [(0, 19), (0, 20), (0, 18)];

    private readonly delegate* unmanaged[Cdecl]<nint, int, nint, nint, nint, int, int, nint> _ctxNew;
    private (int Major, int Minor) _version;

    private Jbig2Library(nint handle)
    {
        _ctxNew = (delegate* unmanaged[Cdecl]<nint, int, nint, nint, nint, int, int, nint>)Export(handle, "jbig2_ctx_new_imp");
        CtxFree = (delegate* unmanaged[Cdecl]<nint, nint>)Export(handle, "jbig2_ctx_free");
        MakeGlobalCtx = (delegate* unmanaged[Cdecl]<nint, nint>)Export(handle, "jbig2_make_global_ctx");
        GlobalCtxFree = (delegate* unmanaged[Cdecl]<nint, nint>)Export(handle, "jbig2_global_ctx_free");
        DataIn = (delegate* unmanaged[Cdecl]<nint, byte*, nuint, int>)Export(handle, "jbig2_data_in");
        CompletePage = (delegate* unmanaged[Cdecl]<nint, int>)Export(handle, "jbig2_complete_page");
        PageOut = (delegate* unmanaged[Cdecl]<nint, Jbig2Image*>)Export(handle, "jbig2_page_out");
        ReleasePage = (delegate* unmanaged[Cdecl]<nint, Jbig2Image*, void>)Export(handle, "jbig2_release_page");
    }

    /// <summary><c>Jbig2Allocator *jbig2_ctx_free(Jbig2Ctx *ctx)</c>.</summary>
    public delegate* unmanaged[Cdecl]<nint, nint> CtxFree { get; }

    /// <summary><c>Jbig2GlobalCtx *jbig2_make_global_ctx(Jbig2Ctx *ctx)</c>: the context becomes the global context.</summary>
    public delegate* unmanaged[Cdecl]<nint, nint> MakeGlobalCtx { get; }

    /// <summary><c>Jbig2Allocator *jbig2_global_ctx_free(Jbig2GlobalCtx *global_ctx)</c>.</summary>
    public delegate* unmanaged[Cdecl]<nint, nint> GlobalCtxFree { get; }

    /// <summary><c>int jbig2_data_in(Jbig2Ctx *ctx, const unsigned char *data, size_t size)</c>: negative on a fatal error.</summary>
    public delegate* unmanaged[Cdecl]<nint, byte*, nuint, int> DataIn { get; }

    /// <summary><c>int jbig2_complete_page(Jbig2Ctx *ctx)</c>: negative on a fatal error.</summary>
    public delegate* unmanaged[Cdecl]<nint, int> CompletePage { get; }

    /// <summary><c>Jbig2Image *jbig2_page_out(Jbig2Ctx *ctx)</c>: null when no page is complete.</summary>
    public delegate* unmanaged[Cdecl]<nint, Jbig2Image*> PageOut { get; }

    /// <summary><c>void jbig2_release_page(Jbig2Ctx *ctx, Jbig2Image *image)</c>.</summary>
    public delegate* unmanaged[Cdecl]<nint, Jbig2Image*, void> ReleasePage { get; }

    /// <summary>The library's version, as it reported it.</summary>
    public string Version => $"{_version.Major}.{_version.Minor}";

    /// <summary>Loads the first of <paramref name="names"/> that the system's loader finds and that has a version these
    /// signatures fit; otherwise null and the reason.</summary>
    public static (Jbig2Library? Library, string? Reason) TryLoad(IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            if (!NativeLibrary.TryLoad(name, typeof(Jbig2Library).Assembly, DllImportSearchPath.SafeDirectories | DllImportSearchPath.AssemblyDirectory, out var handle))
                continue;
            Jbig2Library library;
            try
            {
                library = new Jbig2Library(handle);
            }
            catch (EntryPointNotFoundException ex)
            {
                return (null, $"{name} is not a jbig2dec library this build can call ({ex.Message})");
            }
            return library.ProbeVersion() is { } reason ? (null, $"{name}: {reason}") : (library, null);
        }
        return (null, "install libjbig2dec0 (the jbig2dec library) to OCR it");
    }

    /// <summary><c>jbig2_ctx_new(allocator, options, global_ctx, error_callback, error_callback_data)</c>, reporting into
    /// <paramref name="messages"/>; null when the library refused.</summary>
    public nint CtxNew(nint allocator, nint globalCtx, Jbig2Messages messages) =>
        _ctxNew(allocator, EmbeddedOptions, globalCtx, (nint)(delegate* unmanaged[Cdecl]<nint, byte*, int, uint, void>)&OnError,
            messages.Handle, _version.Major, _version.Minor);

    private string? ProbeVersion()
    {
        var found = new List<string>();
        foreach (var version in KnownVersions)
        {
            _version = version;
            using var messages = new Jbig2Messages();
            var ctx = CtxNew(0, 0, messages);
            if (ctx != 0)
            {
                _ = CtxFree(ctx);
                return null;
            }
            if (IncompatibleVersion().Match(messages.Fatal) is not { Success: true } match)
                return $"jbig2dec refused to create a context: {messages.Fatal}";
            found.Add($"{match.Groups[1].Value}.{match.Groups[2].Value}");
        }
        return $"jbig2dec {found.LastOrDefault()} is installed; this build calls versions 0.18 to 0.20";
    }

    // A callback must never let an exception reach native code: the message is recorded and nothing else happens.
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnError(nint data, byte* message, int severity, uint segment)
    {
        try
        {
            if (data == 0 || GCHandle.FromIntPtr(data).Target is not Jbig2Messages messages) return;
            messages.Add(severity, Marshal.PtrToStringUTF8((nint)message) ?? string.Empty, segment);
        }
        catch (Exception)
        {
            // Nothing may unwind into jbig2dec; a lost diagnostic is the lesser harm.
        }
    }

    private static nint Export(nint handle, string name) =>
        NativeLibrary.TryGetExport(handle, name, out var address) ? address : throw new EntryPointNotFoundException($"no export {name}");

    [GeneratedRegex(@"and library \((\d+)\.(\d+)\)")]
    private static partial Regex IncompatibleVersion();

    /// <summary><c>struct _Jbig2Image</c>: 1 bit per pixel, rows of <see cref="Stride"/> bytes, most significant bit first, 1 = black.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Jbig2Image
    {
        public uint Width;
        public uint Height;
        public uint Stride;
        public byte* Data;
        public int RefCount;
    }
}
