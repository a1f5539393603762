using RagSystem.Onnx;

namespace RagSystem.Embeddings;

/// <summary>One lane into the shared encoder session: its own gate, pinned input buffers and fp16 scratch, so work in one
/// lane never waits for work in another (ONNX Runtime allows concurrent <c>Run</c> calls on one session).</summary>
internal sealed class EncoderLane(EncoderInputBuffers buffers) : IDisposable
{
    public SemaphoreSlim Gate { get; } = new(1, 1);

    public EncoderInputBuffers Buffers { get; } = buffers;

    public float[] Scratch { get; set; } = [];

    /// <summary>True while a call holds the lane.</summary>
    public bool IsBusy => Gate.CurrentCount == 0;

    public void Dispose() => Gate.Dispose();
}
