using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RagSystem.Documents;

/// <summary>A <c>Jbig2Allocator</c> that refuses to hand jbig2dec more than a set number of bytes in total. A damaged or
/// hostile stream can declare a page of 2^32 rows; jbig2dec would allocate and clear it, and the process would die of
/// memory rather than report a bad file. A refused allocation is a fatal error jbig2dec reports like any other.</summary>
internal sealed unsafe class Jbig2MemoryBudget : IDisposable
{
    // Each block carries its size in front so that free and realloc can give the bytes back to the budget.
    private const int Header = 16;

    private Allocator* _allocator;

    /// <summary>Allocates the native allocator with <paramref name="limitBytes"/> to spend.</summary>
    public Jbig2MemoryBudget(long limitBytes)
    {
        _allocator = (Allocator*)NativeMemory.AllocZeroed((nuint)sizeof(Allocator));
        _allocator->Alloc = &Alloc;
        _allocator->Free = &Free;
        _allocator->Realloc = &Realloc;
        _allocator->Remaining = limitBytes;
        LimitBytes = limitBytes;
    }

    /// <summary>The <c>Jbig2Allocator*</c> to pass to <c>jbig2_ctx_new</c>; valid until disposed.</summary>
    public nint Pointer => (nint)_allocator;

    /// <summary>The budget in bytes.</summary>
    public long LimitBytes { get; }

    /// <summary>Whether jbig2dec asked for more than was left.</summary>
    public bool Exhausted => _allocator->Exhausted != 0;

    /// <summary>Frees the allocator; call only after every context using it is freed.</summary>
    public void Dispose()
    {
        if (_allocator is null) return;
        NativeMemory.Free(_allocator);
        _allocator = null;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void* Alloc(Allocator* allocator, nuint size)
    {
        if (!allocator->TryTake(size)) return null;
        var block = (byte*)NativeMemory.Alloc(size + Header);
        if (block is null)
        {
            allocator->Remaining += (long)size;
            return null;
        }
        *(nuint*)block = size;
        return block + Header;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Free(Allocator* allocator, void* pointer)
    {
        if (pointer is null) return;
        var block = (byte*)pointer - Header;
        allocator->Remaining += (long)*(nuint*)block;
        NativeMemory.Free(block);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void* Realloc(Allocator* allocator, void* pointer, nuint size)
    {
        var block = pointer is null ? null : (byte*)pointer - Header;
        var old = block is null ? 0 : *(nuint*)block;
        if (size > old && !allocator->TryTake(size - old)) return null;
        var grown = (byte*)NativeMemory.Realloc(block, size + Header);
        if (grown is null)
        {
            if (size > old) allocator->Remaining += (long)(size - old);
            return null;
        }
        if (size < old) allocator->Remaining += (long)(old - size);
        *(nuint*)grown = size;
        return grown + Header;
    }

    // The layout jbig2.h gives struct _Jbig2Allocator (three function pointers), followed by the budget, which jbig2dec
    // never reads: it only passes the allocator pointer back to these functions.
    [StructLayout(LayoutKind.Sequential)]
    private struct Allocator
    {
        public delegate* unmanaged[Cdecl]<Allocator*, nuint, void*> Alloc;
        public delegate* unmanaged[Cdecl]<Allocator*, void*, void> Free;
        public delegate* unmanaged[Cdecl]<Allocator*, void*, nuint, void*> Realloc;
        public long Remaining;
        public int Exhausted;

        public bool TryTake(nuint size)
        {
            if ((ulong)size > long.MaxValue || (long)size > Remaining)
            {
                Exhausted = 1;
                return false;
            }
            Remaining -= (long)size;
            return true;
        }
    }
}
