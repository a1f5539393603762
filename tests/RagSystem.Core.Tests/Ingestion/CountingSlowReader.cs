using RagSystem.Documents;

namespace RagSystem.Core.Tests.Ingestion;

/// <summary>A reader for <c>.slow</c> files that never finishes on its own (it waits for cancellation), counting its calls:
/// a file that costs the whole per-file timeout every time it is parsed.</summary>
internal sealed class CountingSlowReader : IDocumentReader
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public string Format => "slow";

    public bool CanRead(string path) => path.EndsWith(".slow", StringComparison.OrdinalIgnoreCase);

    public async Task<Document> ReadAsync(Stream stream, string path, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new InvalidOperationException("unreachable");
    }
}
