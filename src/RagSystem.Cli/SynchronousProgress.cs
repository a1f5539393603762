namespace RagSystem.Cli;

/// <summary>Calls the handler on the reporting thread. <see cref="Progress{T}"/> would post to the thread pool
/// and could deliver snapshots out of order.</summary>
internal sealed class SynchronousProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
