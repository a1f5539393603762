using Microsoft.ML.OnnxRuntime;

namespace RagSystem.Onnx;

/// <summary>Reusable, pinned int64 buffers for a BERT-style encoder's inputs (<c>input_ids</c>, <c>attention_mask</c>,
/// <c>token_type_ids</c>), right-padded per batch. The arrays live on the pinned object heap and only grow, so a batch
/// costs no copy and no allocation beyond the thin <see cref="OrtValue"/> views. Not thread-safe.</summary>
internal sealed class EncoderInputBuffers
{
    private readonly string[] _inputNames;
    private long[] _ids = [];
    private long[] _mask = [];
    private long[] _types = [];

    /// <param name="session">The encoder session; its input names decide which buffers are fed.</param>
    /// <exception cref="OnnxModelLoadException">The model has an input an encoder cannot feed.</exception>
    public EncoderInputBuffers(InferenceSession session)
    {
        _inputNames = session.InputMetadata.Keys.ToArray();
        foreach (var name in _inputNames)
        {
            if (name is not ("input_ids" or "attention_mask" or "token_type_ids"))
            {
                throw new OnnxModelLoadException(
                    $"the encoder has an input '{name}'; only input_ids, attention_mask and token_type_ids are supported");
            }
        }
        if (!_inputNames.Contains("input_ids")) throw new OnnxModelLoadException("the encoder has no 'input_ids' input");
        HasTokenTypeIds = _inputNames.Contains("token_type_ids");
    }

    /// <summary>The model's input names, in session order.</summary>
    public IReadOnlyList<string> InputNames => _inputNames;

    /// <summary>Whether the model takes <c>token_type_ids</c>.</summary>
    public bool HasTokenTypeIds { get; }

    /// <summary>Rows in the current batch.</summary>
    public int BatchSize { get; private set; }

    /// <summary>Padded length of the current batch.</summary>
    public int SequenceLength { get; private set; }

    /// <summary>Starts a batch of <paramref name="batchSize"/> rows padded to <paramref name="sequenceLength"/>: all ids,
    /// mask and type entries are reset to 0 (the [PAD] id in BERT vocabularies is written by <see cref="SetRow"/>).</summary>
    public void Begin(int batchSize, int sequenceLength)
    {
        var size = batchSize * sequenceLength;
        if (_ids.Length < size)
        {
            _ids = GC.AllocateUninitializedArray<long>(size, pinned: true);
            _mask = GC.AllocateUninitializedArray<long>(size, pinned: true);
            _types = GC.AllocateUninitializedArray<long>(size, pinned: true);
        }
        (BatchSize, SequenceLength) = (batchSize, sequenceLength);
    }

    /// <summary>Writes row <paramref name="row"/>: its token ids, mask 1 over them, the token types, and padding after.</summary>
    /// <param name="row">Row index in the batch.</param>
    /// <param name="ids">Token ids, special tokens included.</param>
    /// <param name="padId">Id written into the padding.</param>
    /// <param name="secondSegmentStart">Index where token type 1 starts (cross-encoder pairs), or -1 for all zeros.</param>
    public void SetRow(int row, ReadOnlySpan<int> ids, long padId, int secondSegmentStart = -1)
    {
        var offset = row * SequenceLength;
        var idRow = _ids.AsSpan(offset, SequenceLength);
        var maskRow = _mask.AsSpan(offset, SequenceLength);
        var typeRow = _types.AsSpan(offset, SequenceLength);
        for (var t = 0; t < ids.Length; t++) idRow[t] = ids[t];
        idRow[ids.Length..].Fill(padId);
        maskRow[..ids.Length].Fill(1);
        maskRow[ids.Length..].Clear();
        typeRow.Clear();
        if (secondSegmentStart >= 0) typeRow[secondSegmentStart..ids.Length].Fill(1);
    }

    /// <summary>Creates <see cref="OrtValue"/> views over the pinned buffers for the current batch, in <see cref="InputNames"/> order.
    /// The caller disposes them after the run.</summary>
    public OrtValue[] CreateInputValues()
    {
        var size = BatchSize * SequenceLength;
        long[] shape = [BatchSize, SequenceLength];
        var values = new OrtValue[_inputNames.Length];
        for (var i = 0; i < _inputNames.Length; i++)
        {
            var buffer = _inputNames[i] switch { "input_ids" => _ids, "attention_mask" => _mask, _ => _types };
            values[i] = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, buffer.AsMemory(0, size), shape);
        }
        return values;
    }
}
