using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace RagSystem.Generation;

/// <summary>The KV cache of one sequence in the model's device memory, allocated once at full length. Two layouts:
/// <list type="bullet">
/// <item>Separate past and present (plain-op exports, which concatenate past and new keys): two buffers per tensor, used
/// in turn. Each step binds the current buffers as <c>past</c> (first <c>length</c> positions) and the other ones as
/// <c>present</c> (<c>length + new</c> positions); ONNX Runtime writes the presents straight into them.</item>
/// <item>Shared (<see cref="DecoderModel.SharesPastPresentBuffer"/>, GroupQueryAttention exports): one buffer per tensor,
/// bound at its full length as both <c>past</c> and <c>present</c>, as GenAI's <c>past_present_share_buffer</c> does.
/// The op reads the valid length from the attention mask and writes only the new positions, so nothing is copied per
/// step and the cache takes half the memory.</item>
/// </list>
/// Either way the cache never leaves the device and no step allocates KV memory. The buffers come from the model's
/// <see cref="DeviceBufferPool"/> and go back to it when the sequence ends.</summary>
/// <remarks>A <c>[1, heads, length, head_dim]</c> tensor over the start of a <c>[1, heads, max, head_dim]</c> buffer is
/// contiguous, so one buffer serves every length.</remarks>
internal sealed class DecoderKvBuffers : IDisposable
{
    private readonly OrtMemoryAllocation[][] _sets;
    private readonly string[] _pastNames;
    private readonly string[] _presentNames;
    private readonly TensorElementType _type;
    private readonly long[] _pastShape;
    private readonly long[] _presentShape;
    private readonly bool _shared;
    private int _current;
    private bool _sharedBound;
    private readonly DeviceBufferPool _pool;

    public DecoderKvBuffers(DecoderModel model, int maxLength)
    {
        _pool = model.Buffers;
        _pastNames = model.PastNames;
        _presentNames = model.PresentNames;
        _type = model.KvType;
        _shared = model.SharesPastPresentBuffer;
        _pastShape = [1, model.KvHeads, _shared ? maxLength : 0, model.HeadDim];
        _presentShape = [1, model.KvHeads, _shared ? maxLength : 0, model.HeadDim];
        var elementBytes = model.KvType == TensorElementType.Float16 ? 2L : 4L;
        var bytes = checked((uint)Math.Max(elementBytes, model.KvHeads * (long)maxLength * model.HeadDim * elementBytes));
        _sets = new OrtMemoryAllocation[_shared ? 1 : 2][];
        try
        {
            for (var s = 0; s < _sets.Length; s++)
            {
                _sets[s] = new OrtMemoryAllocation[_pastNames.Length];
                for (var i = 0; i < _pastNames.Length; i++) _sets[s][i] = _pool.Rent(bytes);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Binds the cache for a step that appends <paramref name="newTokens"/> to <paramref name="length"/> cached ones.</summary>
    public void Bind(OrtIoBinding binding, int length, int newTokens)
    {
        if (_shared)
        {
            // Same buffers and shapes at every step: the binding keeps them, so bind once per sequence.
            if (_sharedBound) return;
            _sharedBound = true;
        }
        else
        {
            _pastShape[2] = length;
            _presentShape[2] = length + newTokens;
        }
        var past = _sets[_current];
        var present = _sets[_shared ? 0 : 1 - _current];
        for (var i = 0; i < _pastNames.Length; i++)
        {
            binding.BindInput(_pastNames[i], _type, _pastShape, past[i]);
            binding.BindOutput(_presentNames[i], _type, _presentShape, present[i]);
        }
    }

    /// <summary>After a successful run: this step's presents become the next step's pasts.</summary>
    public void Advance()
    {
        if (!_shared) _current = 1 - _current;
    }

    public void Dispose()
    {
        foreach (var set in _sets)
            if (set is not null)
                foreach (var allocation in set)
                    if (allocation is not null) _pool.Return(allocation);
    }
}
