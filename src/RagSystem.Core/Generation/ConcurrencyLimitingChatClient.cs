using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace RagSystem.Generation;

/// <summary>A delegating <see cref="IChatClient"/> that lets at most a fixed number of generations run at once; later calls
/// wait their turn (and stop waiting when cancelled). A streaming call holds its slot until the stream ends or is abandoned.
/// Local decoding uses every core and a KV cache per call, so unbounded concurrency would only make every reply slower and
/// could exhaust memory. Add it with <see cref="ConcurrencyLimitingChatClientBuilderExtensions.UseConcurrencyLimit"/>.</summary>
public sealed class ConcurrencyLimitingChatClient : DelegatingChatClient
{
    private readonly SemaphoreSlim _slots;

    /// <summary>Wraps <paramref name="innerClient"/>.</summary>
    /// <param name="innerClient">The client that generates.</param>
    /// <param name="maxConcurrentGenerations">Generations allowed at once; at least 1.</param>
    public ConcurrencyLimitingChatClient(IChatClient innerClient, int maxConcurrentGenerations) : base(innerClient)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrentGenerations, 1);
        MaxConcurrentGenerations = maxConcurrentGenerations;
        _slots = new SemaphoreSlim(maxConcurrentGenerations, maxConcurrentGenerations);
    }

    /// <summary>Generations allowed at once.</summary>
    public int MaxConcurrentGenerations { get; }

    /// <summary>Generations running now.</summary>
    public int RunningGenerations => MaxConcurrentGenerations - _slots.CurrentCount;

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        await _slots.WaitAsync(cancellationToken);
        try
        {
            return await base.GetResponseAsync(messages, options, cancellationToken);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await _slots.WaitAsync(cancellationToken);
        try
        {
            await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken).WithCancellation(cancellationToken))
                yield return update;
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) _slots.Dispose();
        base.Dispose(disposing);
    }
}
