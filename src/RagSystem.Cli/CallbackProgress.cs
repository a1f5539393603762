namespace RagSystem.Cli;

/// <summary>An <see cref="IProgress{T}"/> that runs its callback on the reporting thread, so updates arrive in order
/// (<see cref="Progress{T}"/> posts them to the thread pool, where they can overtake each other).</summary>
internal sealed class CallbackProgress<T>(Action<T> callback) : IProgress<T>
{
    public void Report(T value) => callback(value);
}
