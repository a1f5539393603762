namespace RagSystem.Core.Tests.Ingestion;

/// <summary>Calls back on the reporting thread (unlike <see cref="Progress{T}"/>, which posts), guarded for worker threads.</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    private readonly Lock _gate = new();

    public void Report(T value)
    {
        lock (_gate) report(value);
    }
}
