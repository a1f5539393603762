using Microsoft.ML.OnnxRuntime;

namespace RagSystem.Generation;

/// <summary>Device buffers (KV cache, logits) handed from one sequence to the next. A fresh host buffer of tens of
/// megabytes costs a page fault per 4 KiB when ONNX Runtime first writes it (the prefill's <c>[prompt × vocab]</c>
/// logits alone are 60 MB for a 300-token prompt and a 50k vocabulary), and a fresh CUDA buffer costs a trip through
/// the device allocator. Keeping the buffers of the last sequence for the next avoids both. Holds at most
/// <c>capacity</c> free buffers (about one sequence's worth); thread-safe.</summary>
internal sealed class DeviceBufferPool(OrtAllocator allocator, int capacity) : IDisposable
{
    private readonly List<OrtMemoryAllocation> _free = [];
    private readonly Lock _gate = new();
    private bool _disposed;

    /// <summary>A buffer of at least <paramref name="bytes"/> bytes: the smallest free one that fits, else a new one.</summary>
    public OrtMemoryAllocation Rent(uint bytes)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var best = -1;
            for (var i = 0; i < _free.Count; i++)
                if (_free[i].Size >= bytes && (best < 0 || _free[i].Size < _free[best].Size)) best = i;
            if (best >= 0)
            {
                var buffer = _free[best];
                _free.RemoveAt(best);
                return buffer;
            }
        }
        return allocator.Allocate(bytes);
    }

    /// <summary>Gives a buffer back; beyond the capacity the smallest free buffer is released.</summary>
    public void Return(OrtMemoryAllocation buffer)
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _free.Add(buffer);
                if (_free.Count <= capacity) return;
                var smallest = 0;
                for (var i = 1; i < _free.Count; i++)
                    if (_free[i].Size < _free[smallest].Size) smallest = i;
                buffer = _free[smallest];
                _free.RemoveAt(smallest);
            }
        }
        buffer.Dispose();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            foreach (var buffer in _free) buffer.Dispose();
            _free.Clear();
        }
    }
}
