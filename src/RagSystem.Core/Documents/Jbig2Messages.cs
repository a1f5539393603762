using System.Runtime.InteropServices;

namespace RagSystem.Documents;

/// <summary>What jbig2dec reported through its error callback during one decode. Holds a GC handle to itself, passed to
/// the library as the callback's data; dispose it after the last context that uses it is freed.</summary>
internal sealed class Jbig2Messages : IDisposable
{
    // A damaged stream can make jbig2dec warn once per symbol; the first few say what went wrong.
    private const int MaxKept = 8;

    private readonly List<string> _fatal = [];
    private readonly List<string> _warnings = [];
    private GCHandle _handle;

    /// <summary>Pins nothing: a normal handle that lets the static callback find this object.</summary>
    public Jbig2Messages() => _handle = GCHandle.Alloc(this);

    /// <summary>The value passed to jbig2dec as <c>error_callback_data</c>.</summary>
    public nint Handle => GCHandle.ToIntPtr(_handle);

    /// <summary>The fatal errors, joined; empty when there were none.</summary>
    public string Fatal => string.Join("; ", _fatal);

    /// <summary>The warnings, joined; empty when there were none.</summary>
    public string Warnings => string.Join("; ", _warnings);

    /// <summary>Records one message; debug and info messages are dropped.</summary>
    public void Add(int severity, string message, uint segment)
    {
        var list = severity >= Jbig2Library.SeverityFatal ? _fatal : severity == Jbig2Library.SeverityFatal - 1 ? _warnings : null;
        if (list is null || list.Count >= MaxKept) return;
        list.Add(segment == uint.MaxValue ? message : $"{message} (segment {segment})");
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_handle.IsAllocated) _handle.Free();
    }
}
